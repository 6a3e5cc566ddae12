#pragma once
// `report`: one self-contained page for a manager: the wheel, the status per role, what is
// overdue or due soon, and the cycle's NÄR / VEM / VAD table.
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"

namespace arshjul::present {

struct ReportPage {
  const dsl::Process* process = nullptr;
  std::size_t process_index = 0;                     ///< which process `tasks` refer to
  const std::vector<engine::Task>* tasks = nullptr;  ///< with a store: the states; else none
  int year = 0;
  dsl::Date date;
  std::string wheel_svg;  ///< the wheel (pictures::render_wheel), inlined as it is
  dsl::Lang lang = dsl::Lang::sv;
};

/// The whole page: with `tasks`, the status per role and the urgent tasks as of `date`.
std::string report_html(const ReportPage& page);

}  // namespace arshjul::present
