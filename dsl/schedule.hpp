#pragma once
// Windows of steps as concrete dates for one cycle, from the cycle-relative NÄR forms.
#include <chrono>
#include <optional>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "dsl/workdays.hpp"

namespace arshjul::dsl {

using Date = std::chrono::year_month_day;

/// One occurrence of a step in a cycle: it may be done from `start`, and is due `deadline`.
struct Window {
  Date start;
  Date deadline;
  std::optional<Date> moved_from;  ///< the deadline as written, when it fell on a closed day
  std::optional<ClosedReason> moved_because;
  std::optional<TimeOfDay> time;  ///< `kl 16.00–17.00`: a timed event on its day
};

/// The first day of the cycle named `year` (1 January, or 1 August for läsår).
Date cycle_start(CycleKind kind, int year);

/// The windows of a NÄR (or KLART) in the cycle that starts in `year`, in date order. Terms
/// and days counted from another step are looked up in `process` (none without one); a term
/// the process's kalender lacks is appended to `errors`, naming its year.
std::vector<Window> windows(const When& when, CycleKind kind, int year,
                            std::vector<Diagnostic>& errors, const Process* process = nullptr);

/// The windows of `step` in the cycle that starts in `year`, in date order, as written (no
/// working-day shifts); empty when the
/// step does not run that year (`VART`). A date that does not exist that year (29 februari,
/// vecka 53) is appended to `errors` and that occurrence is left out.
std::vector<Window> windows(const Step& step, CycleKind kind, int year,
                            std::vector<Diagnostic>& errors, const Process* process = nullptr);

/// The windows of `step` as above, with each deadline on a closed day (weekend, holiday,
/// `stängt`) moved as FLYTTA says (the step's, else the process's: the working day before).
std::vector<Window> windows(const Process& process, const Step& step, int year,
                            std::vector<Diagnostic>& errors);
/// The same against `calendar` instead of the process's own: a unit with closed days of its
/// own (`stängt ... för skolform = fritidshem`).
std::vector<Window> windows(const Process& process, const Step& step, int year,
                            std::vector<Diagnostic>& errors, const WorkCalendar& calendar);

/// What a closed day is, in words: the weekday ("söndag"), the holiday's name, or "stängt".
std::string closed_reason_text(const ClosedReason& why, Date d, Lang lang);

/// Warns (Diagnostic::warning) of every one-day window of `step`, when it is an event (TYP
/// möte or händelse without FLYTTA), that falls on a closed day in the cycle starting in `year`.
void warn_event_on_closed_day(const Process& process, const Step& step, int year,
                              std::vector<Diagnostic>& out);

/// "kalenderår", "läsår" or "cykel från november" (English with `lang` en).
std::string cycle_name(CycleKind kind, Lang lang);

/// ISO 8601 text of a date, e.g. 2026-05-31.
std::string iso(Date d);

}  // namespace arshjul::dsl
