#include "web/task_link.hpp"

#include "dsl/text.hpp"
#include "web/pages.hpp"

namespace arshjul::web {
namespace {

/// task_query of the task with these parts, appended to `out` (a page of many tasks' links
/// makes no string per part).
/// `amp` between the parameters: "&", or "&amp;" for the query as HTML (the rest of it is
/// percent-encoded, nothing else in it to escape).
void append_query(std::string& out, std::string_view process, int cycle, std::string_view step,
                  std::string_view unit, int occurrence, std::string_view amp = "&") {
  out += "p=";
  url_encode_to(out, process);
  out.append(amp).append("c=");
  out += std::to_string(cycle);
  out.append(amp).append("s=");
  url_encode_to(out, step);
  out.append(amp).append("u=");
  url_encode_to(out, unit);
  out.append(amp).append("n=");
  out += std::to_string(occurrence);
}

}  // namespace

std::string task_query(const engine::TaskId& id) {
  std::string out;
  append_query(out, id.process, id.cycle, id.step, id.unit, id.occurrence);
  return out;
}

std::string task_url(const dsl::Process& p, const engine::Task& t) {
  std::string out = "/task?";
  out.reserve(64);
  append_query(out, p.id, t.cycle, p.steps[t.step].id, t.unit, t.occurrence);
  return out;
}

std::string task_href(const dsl::Process& p, const engine::Task& t) {
  std::string out = "/task?";
  out.reserve(80);
  append_query(out, p.id, t.cycle, p.steps[t.step].id, t.unit, t.occurrence, "&amp;");
  return out;
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
