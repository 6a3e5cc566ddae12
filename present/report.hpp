#pragma once
// `report`: one self-contained page for a manager: the numbers (the status per role) and what
// is overdue or due soon (task, unit, person) first, then the wheel and the cycle's
// NÄR / VEM / VAD table. Reflows on a phone and prints on A4 portrait.
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/roster.hpp"

namespace arshjul::present {

struct ReportPage {
  const dsl::Process* process = nullptr;
  std::size_t process_index = 0;                     ///< which process `tasks` refer to
  const std::vector<engine::Task>* tasks = nullptr;  ///< with a store: the states; else none
  int year = 0;
  dsl::Date date;
  const engine::Roster* roster = nullptr;  ///< who holds the roles: the urgent list names them
  std::string wheel_svg;                   ///< the wheel (pictures::render_wheel), inlined as it is
  dsl::Lang lang = dsl::Lang::sv;
};

/// The whole page: with `tasks`, the status per role and the urgent tasks as of `date`.
std::string report_html(const ReportPage& page);

}  // namespace arshjul::present
