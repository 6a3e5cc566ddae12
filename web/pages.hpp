#pragma once
// The web view's pages as HTML text: pure functions of what the server looked up, every
// text from rules, roster or store escaped. No scripts and no network resources: one inline
// style sheet, inline SVG for the wheel, plain links and forms (usable by keyboard, and
// readable on a phone through the viewport and a single column).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/messages.hpp"
#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "pictures/wheel.hpp"
#include "web/access.hpp"
#include "web/status_counts.hpp"

namespace arshjul::web {

// The texts of the pages are the catalogue's (dsl/messages.hpp).
using dsl::Msg;
using dsl::say;
using dsl::tr;

/// Percent-encodes everything but unreserved characters (RFC 3986), for query values.
std::string url_encode(const std::string& s);
/// url_encode, appended to `out`.
void url_encode_to(std::string& out, std::string_view s);

/// The address of a task's page: /task?p=..&c=..&s=..&u=..&n=..
std::string task_url(const dsl::Process& p, const engine::Task& t);
/// task_url as HTML (escape_html of it, made without escaping): for an href.
std::string task_href(const dsl::Process& p, const engine::Task& t);

/// What every page shows around its body.
struct Frame {
  std::string title;
  dsl::Lang lang = dsl::Lang::sv;
  const Viewer* viewer = nullptr;  ///< signed in: the navigation and a sign-out form
  std::string csrf;                ///< for the sign-out form
  std::string current;             ///< the path of this page, marked in the navigation
  bool wide = false;               ///< the overview: room for the wheel on a wide screen
};

/// The site header: the name, and for a signed-in viewer the navigation and sign-out.
std::string site_header(const Frame& f);
/// The header's style sheet, for a page with a style sheet of its own (the audit).
const char* site_header_style();

/// The whole document: head (inline style), navigation, `body` (copied once).
std::string layout(const Frame& f, std::string_view body);

/// A heading and a sentence (errors, refusals, "signed out").
std::string message_body(const std::string& heading, const std::string& text);

/// The overview: a chooser of processes, the wheel of `process` (its current cycle, coloured
/// by state) and the status per role and unit over every task `tasks` holds.
/// `ps` are the files' processes (the chooser; `process` indexes them), `rules` those the
/// tasks were evaluated by (Snapshot::processes()).
std::string overview_body(const std::vector<dsl::Process>& ps,
                          const std::vector<dsl::Process>& rules,
                          const std::vector<engine::Task>& tasks, std::size_t process,
                          dsl::Date date, dsl::Lang lang);
/// The same with the table's counts of `tasks` already made.
std::string overview_body(const std::vector<dsl::Process>& ps,
                          const std::vector<dsl::Process>& rules,
                          const std::vector<engine::Task>& tasks, const StatusCounts& counts,
                          std::size_t process, dsl::Date date, dsl::Lang lang);
/// Its three parts, for a server that keeps them apart: the heading and the chooser of
/// processes; the wheel of `process` with the process version and cycle it shows (their
/// tasks' states are all it reads); the table.
std::string overview_top(const std::vector<dsl::Process>& ps, std::size_t process, dsl::Date date,
                         dsl::Lang lang);
struct OverviewWheel {
  std::size_t shown = 0;  ///< the index in `rules` of the process version shown
  int year = 0;           ///< the cycle shown
  std::string title;      ///< the process's title and the cycle
  std::string html;       ///< its heading, the picture and (up to kStepsInline steps) the list
  std::string list;       ///< the steps in date order (<ol>), for the page /steg too
};
/// The process version (index in `rules`) and cycle the overview's wheel of `process` shows
/// on `date`.
struct WheelShown {
  std::size_t shown = 0;
  int year = 0;
};
WheelShown wheel_shown(const std::vector<dsl::Process>& ps, const std::vector<dsl::Process>& rules,
                       std::size_t process, dsl::Date date);
/// `tally`: the states of `tasks` for wheel_shown's version and cycle, kept by the caller;
/// nullptr: counted here.
OverviewWheel overview_wheel(const std::vector<dsl::Process>& ps,
                             const std::vector<dsl::Process>& rules,
                             const std::vector<engine::Task>& tasks, std::size_t process,
                             dsl::Date date, dsl::Lang lang,
                             const pictures::StateTally* tally = nullptr);
/// A row per role and unit is readable up to this many rows (the shipped example has 70): a
/// printed page or two. More (a thousand units: two thousand rows) and no one reads them.
constexpr std::size_t kStatusRowsInFull = 100;
constexpr std::size_t kAttentionRows = 10;
/// The table of the status per role and unit: in full up to `rows_in_full` rows;
/// above, a row per role (linked to the page of its units) and the units with overdue or
/// blocked tasks, at most kAttentionRows of them, and how many more per role.
std::string overview_table(const StatusCounts& counts, dsl::Lang lang,
                           std::size_t rows_in_full = kStatusRowsInFull);
/// The overview lists the wheel's steps below it up to this many; more are on /steg.
constexpr std::size_t kStepsInline = 60;

/// The page /steg?process=P: the wheel's steps in date order (an overview_wheel's list).
std::string steps_body(const OverviewWheel& wheel, dsl::Lang lang);

/// The page /enheter?roll=R[&omrade=A][&sida=N]: a role's units, most overdue first
/// (overdue, then blocked, then due soon), kUnitsPerPage a page, with a row of their sum (the
/// overview's row of the role, or of the område chosen) and a chooser of områden when the
/// units have them.
constexpr int kUnitsPerPage = 50;
struct UnitsQuery {
  std::string role;
  std::string area;  ///< "" for every område
  int page = 1;      ///< from 1; a page past the last shows the last
};
struct UnitsPage {
  std::string title;
  std::string body;
};
/// nullopt when no role of that name (compared without case) has tasks per unit.
std::optional<UnitsPage> units_page(const StatusCounts& counts, const UnitsQuery& q,
                                    dsl::Lang lang);

/// What "my tasks" says of each step of a set of rules (its label, what to do, its process's
/// title), made once for them (kept with the cached snapshot): a page lists many tasks of many
/// steps, and each text is the same on every page.
class StepTexts {
 public:
  StepTexts(const std::vector<dsl::Process>& ps, dsl::Lang lang);
  /// dsl::step_label of the step.
  const std::string& label(std::size_t process, std::size_t step) const {
    return steps_[process][step].label;
  }
  /// present::task_html of the step (HTML).
  const std::string& task_html(std::size_t process, std::size_t step) const {
    return steps_[process][step].task_html;
  }
  /// present::process_title.
  const std::string& process_title(std::size_t process) const { return titles_[process]; }

 private:
  struct Step {
    std::string label, task_html;
  };
  std::vector<std::string> titles_;
  std::vector<std::vector<Step>> steps_;
};

/// "My tasks": `mine` (most urgent first) grouped by state, each with its deadline, days
/// left or late, and for a blocked task the tasks it waits for. `texts`, made of `ps`, when
/// the caller keeps one (else made here).
std::string my_tasks_body(const Viewer& v, const std::vector<dsl::Process>& ps,
                          const std::vector<const engine::Task*>& mine, dsl::Date date,
                          dsl::Lang lang, const StepTexts* texts = nullptr);

/// The plan's part of "my tasks": the person's activities (status, KLART, comment) and the
/// measure values of tertials that have begun, each with a form to report.
struct PlanView {
  std::vector<const engine::ActivityLine*> activities;
  std::vector<const engine::MeasureLine*> measures;
  std::string csrf;
  dsl::Date today;
  std::vector<std::string> errors;  ///< a refused form: why
  bool saved = false;
  /// The page's one-time key (web/token.hpp): each form sends it with its own suffix; none
  /// when empty.
  std::string submission;
  /// A refused activity form (process, activity, unit) and the comment it held: its comment
  /// field gets that back; every other one holds the activity's latest comment.
  std::string refused_process, refused_activity, refused_unit, refused_comment;
};
std::string plan_body(const PlanView& v, dsl::Lang lang);

/// Everything the task page shows.
struct TaskView {
  const dsl::Process* process = nullptr;
  const engine::Task* task = nullptr;
  std::vector<const engine::Task*> depends_on;  ///< the tasks of its EFTER steps it waits for
  std::vector<engine::Completion> history;      ///< its store entries, oldest first
  const engine::Roster* roster = nullptr;       ///< names for the `done_by` addresses
  bool may_record = false;
  std::string csrf;
  dsl::Date today;
  std::vector<std::string> errors;  ///< a refused form: why (shown above it)
  std::string note;                 ///< a refused form's note, given back in the form
  bool saved = false;               ///< just recorded: say so
  std::string submission;           ///< the form's one-time key (web/token.hpp); none if empty
};

/// The task page: VAD, NÄR, window, VEM, state, dependencies, history and (when allowed)
/// the form to mark it done or to correct the latest entry with a new one.
std::string task_body(const TaskView& v, dsl::Lang lang);

}  // namespace arshjul::web
