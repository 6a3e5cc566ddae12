#pragma once
// `followup`: the follow-up of the verksamhetsplan as the administration writes it (seed
// 002): per perspective and goal, each activity with planned completion, status and comment,
// and each measure with target, outcome and whether it was met.
#include <string>
#include <vector>

#include "dsl/schedule.hpp"
#include "engine/plan.hpp"
#include "present/document.hpp"

namespace arshjul::present {

/// The follow-up as a document (rendered as text, Markdown or HTML by present/document).
Document followup_document(const std::vector<engine::PlanFollowUp>& plans, int year, int tertial,
                           dsl::Date as_of, dsl::Lang lang);

/// The follow-up as JSON (indented by 2), language-neutral: ids, Swedish status words.
std::string followup_json(const std::vector<engine::PlanFollowUp>& plans, int year, int tertial,
                          dsl::Date as_of);

}  // namespace arshjul::present
