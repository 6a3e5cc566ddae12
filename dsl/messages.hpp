#pragma once
// Every user-facing message of the rule language, in Swedish and English.
// One table (messages.cpp) so that a message is worded once and tests can compare it.
#include <string>
#include <vector>

namespace arshjul::dsl {

/// The language user-facing text is written in. Swedish first, English available.
enum class Lang { sv, en };

/// Identifies one message of the catalogue; its arguments are positional ({0}, {1}, ...).
enum class Msg {
  // syntax: what the parser expected
  expected_block,
  expected_field,
  expected_when,
  expected_when_end,
  expected_month,
  expected_week,
  expected_day_month,
  expected_role,
  expected_role_end,
  expected_step_id,
  expected_process_id,
  expected_string,
  expected_closing_quote,
  expected_cycle_kind,
  expected_text,
  expected_end_of_line,
  expected_equals,
  expected_outcome,
  expected_outcome_name,
  expected_if_needed,
  expected_closing_paren,
  expected_every,
  expected_number,
  expected_days,
  expected_type,
  expected_tag,
  expected_closed,
  expected_shift,
  expected_item_id,
  expected_level,
  expected_direction,
  expected_decimal,
  expected_tertial,
  expected_years,
  expected_measure_unit,
  expected_next_line,
  unexpected_indent,
  // values that parse but are wrong
  unknown_month,
  day_not_in_month,
  week_out_of_range,
  date_not_in_year,
  every_zero,
  // semantic
  unknown_role,
  unknown_step,
  unknown_type,
  unknown_outcome,
  no_outcomes_declared,
  duplicate_step,
  duplicate_role,
  duplicate_field,
  missing_field,
  field_outside_block,
  dependency_cycle,
  dependency_order,
  deadline_before_start,
  deadline_with_repeats,
  reports_to_cycle,
  // the plan: goals, activities, measures
  duplicate_item_field,
  missing_item_field,
  duplicate_item,
  unknown_goal,
  unknown_perspective,
  unknown_level,
  unknown_direction,
  goal_needs_parent,
  goal_parent_level,
  goal_perspective_conflict,
  due_not_one_time,
  valid_years_order,
  // files
  cannot_read,
  include_missing,
  include_cycle,
  include_has_process,
  second_process,
  steps_without_process,
  // tables (roster, imported records)
  csv_unterminated_quote,
  csv_header,
  csv_columns,
  roster_duplicate,
  roster_missing_unit,
  // records
  record_unknown_process,
  record_ambiguous_step,
  record_unit_required,
  record_unit_not_allowed,
  record_unknown_unit,
  record_bad_date,
  record_date_range,
  record_bad_year,
  record_no_outcomes,
  record_not_this_year,
  record_unknown_activity,
  record_unknown_measure,
  record_unknown_status,
  record_bad_period,
  record_not_followed_up,
  record_bad_value,
  record_process_not_valid,
  // the store
  store_error,
  // suffix
  did_you_mean,
  // events, times of day (issue 14)
  event_on_closed_day,
  expected_time,
  bad_time,
  time_needs_day,
  // titles and links (issue 14)
  expected_url,
  hash_ends_text,
  // forgiving input (issue 14)
  field_as_continuation,
  not_utf8,
  phrasing,
  approximately,
  // weekdays and rhythms (issue 14)
  expected_in,
  expected_every_other,
  nth_weekday_missing,
};

/// The last message of the catalogue.
inline constexpr Msg kLastMsg = Msg::nth_weekday_missing;

/// An argument with this value renders as "radslut" / "end of line".
inline constexpr const char* kEndOfLineArg = "\n";

/// Renders message `id` with its positional arguments in `lang`.
/// Missing arguments render as empty text; it never throws for a known id.
std::string render(Msg id, const std::vector<std::string>& args, Lang lang);

}  // namespace arshjul::dsl
