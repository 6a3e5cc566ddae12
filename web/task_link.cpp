#include "web/task_link.hpp"

#include <fmt/format.h>

#include "dsl/text.hpp"
#include "web/pages.hpp"

namespace arshjul::web {
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
  auto cycle = dsl::read_year(param("c").value_or(""));
  auto occurrence = dsl::read_number(param("n").value_or("1"), 1, engine::kMaxOccurrence);
  if (!cycle || !occurrence) return std::nullopt;
  id.cycle = *cycle;
  id.occurrence = *occurrence;
  return id;
}

}  // namespace arshjul::web
