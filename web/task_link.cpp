#include "web/task_link.hpp"

#include <fmt/format.h>

#include <charconv>

#include "web/pages.hpp"

namespace arshjul::web {
namespace {

std::optional<int> whole_number(const std::string& s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string task_query(const engine::TaskId& id) {
  return fmt::format("p={}&c={}&s={}&u={}&n={}", url_encode(id.process), id.cycle,
                     url_encode(id.step), url_encode(id.unit), id.occurrence);
}

std::optional<engine::TaskId> task_id_of(
    const std::function<std::optional<std::string>(const char*)>& param) {
  engine::TaskId id;
  id.process = param("p").value_or("");
  id.step = param("s").value_or("");
  id.unit = param("u").value_or("");
  auto cycle = whole_number(param("c").value_or(""));
  auto occurrence = whole_number(param("n").value_or("1"));
  if (!cycle || !occurrence) return std::nullopt;
  id.cycle = *cycle;
  id.occurrence = *occurrence;
  return id;
}

}  // namespace arshjul::web
