#pragma once
// Turning what a user says was done (`arshjul done`, a row of `arshjul import`) into a
// store entry, refusing anything that does not fit the rules or the roster.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

/// A field as given, with where it was given (a CSV cell, or nowhere for a command line).
struct Given {
  std::string text;
  dsl::Location where;
};

/// A completion as a user states it.
struct RecordRequest {
  Given process;  ///< may be empty when the step id is unique across processes
  Given step;
  Given year;
  Given unit;
  Given date;  ///< ISO 8601 (YYYY-MM-DD)
  Given by;    ///< empty: the step's first role
  Given outcome;
  Given note;
  int occurrence = 0;  ///< 0: the occurrence whose window the date falls in (or the last begun)
};

/// An activity status as a user states it (`arshjul progress`, a status import row).
struct StatusRequest {
  Given process;  ///< may be empty when the activity id is unique across processes
  Given activity;
  Given year;
  Given unit;
  Given date;    ///< the date the status holds from
  Given status;  ///< pågående, genomfört, kvarstår, klart (or English)
  Given comment;
  Given by;  ///< empty: the activity's first role
};

/// A measured value as a user states it (`arshjul measure`, a value import row).
struct ValueRequest {
  Given process;
  Given measure;
  Given year;
  Given unit;
  Given period;  ///< T1, T2, T3, or YYYY-T2 (then the year comes from it)
  Given value;   ///< decimal comma or point
  Given by;
  Given note;
};

/// Parses an ISO 8601 date (YYYY-MM-DD) that exists; nullopt otherwise (2026-02-30, 2026-13-01).
std::optional<dsl::Date> parse_date(const std::string& text);

/// Validates `r` against the rules and the roster and returns the entry to store, stamped
/// `recorded_at`; appends located errors to `errors` and returns nullopt when refused.
std::optional<Completion> resolve_record(const RecordRequest& r,
                                         const std::vector<dsl::Process>& processes,
                                         const Roster& roster, const std::string& recorded_at,
                                         std::vector<dsl::Diagnostic>& errors);

/// The same for an activity status and a measured value.
std::optional<StatusReport> resolve_status(const StatusRequest& r,
                                           const std::vector<dsl::Process>& processes,
                                           const Roster& roster, const std::string& recorded_at,
                                           std::vector<dsl::Diagnostic>& errors);
std::optional<MeasuredValue> resolve_value(const ValueRequest& r,
                                           const std::vector<dsl::Process>& processes,
                                           const Roster& roster, const std::string& recorded_at,
                                           std::vector<dsl::Diagnostic>& errors);

/// The rows of an import file. Its header says which kind it holds:
///   steps:    process,år,steg,enhet,datum,av,utfall,anteckning
///   statuses: process,år,aktivitet,enhet,datum,status,kommentar,av
///   values:   process,år,mätetal,enhet,period,värde,av,anteckning
struct ImportRows {
  std::vector<RecordRequest> steps;
  std::vector<StatusRequest> statuses;
  std::vector<ValueRequest> values;
};

/// Reads an import file into requests; shape errors are appended to `errors`. The text is
/// added to `sources`.
ImportRows read_import(const std::string& path, dsl::Sources& sources,
                       std::vector<dsl::Diagnostic>& errors);
/// The same from text already read (named `path` in locations; for the fuzz target).
ImportRows parse_import(std::string_view text, const std::string& path,
                        std::vector<dsl::Diagnostic>& errors);

}  // namespace arshjul::engine
