#pragma once
// The årshjul as a picture: twelve months round a circle, one ring per role, each step an
// arc over its window, today as a hand; standalone SVG.
//
// Layout, from the centre out: a hub with the cycle; one ring per role used in VEM (in the
// order the roles are declared, the first one outermost), each a labelled band and as many
// lanes as the ring needs so that no two arcs (with their labels) share a lane at the same
// time; the month band. Time runs clockwise from the top, where the cycle starts (1 January,
// or 1 August for läsår), at true length (a month is its number of days). A window past the
// cycle's twelve months (`nästa år`) wraps: it is drawn where its dates fall on the wheel,
// hatched; a window longer than a whole turn is clamped to one turn.
//
// render_wheel is layout_wheel (pictures/wheel_layout.hpp: what goes where, as plain data,
// unit-tested without SVG) and write_wheel_svg (pictures/wheel_svg.cpp: the SVG of a layout).
//
// The root has data-cx/data-cy, the centre of the wheel. Every arc is a `<g class="arc">` with
// data attributes a test (or a script) can read: data-step, data-role, data-occurrence,
// data-start, data-deadline (ISO dates), data-state (with tasks) and data-outside ("next" or
// "previous" when the window reaches past the cycle; such parts are hatched); unless
// WheelOptions::layout_data is off, also data-ring, data-lane, data-a0/data-a1 (the arc,
// degrees clockwise from the top, a0 in [0, 360), a1 > a0), data-f0/data-f1 (the stretch of the
// lane the arc and its label take: no other arc of the same ring and lane overlaps it) and
// data-r0/data-r1 (the lane's inner and outer radius, round the centre of the wheel);
// data-done/data-total for an arc of several units (its label ends "29/30" and a dark strip
// along its outer edge shows the share done). A state is told by colour and by pattern
// (stripes: overdue, cross-hatching: blocked, dots: done late). The root is role="img",
// named by its <title>; its <desc> (unless WheelOptions::description is off) lists every step
// with its dates and state.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"

namespace arshjul::pictures {

/// The tasks of one process version in one cycle counted by step, occurrence and state: all
/// the wheel's arcs show of them (their worst state, how many are done of how many). A server
/// keeps it beside its snapshot and moves it by each task that changes state, so that the
/// wheel is drawn again without a look at every task of the administration.
class StateTally {
 public:
  static constexpr std::size_t kStates = static_cast<std::size_t>(engine::State::before_start) + 1;
  using Counts = std::array<int, kStates>;
  StateTally(std::size_t process, int year) : process_(process), year_(year) {}
  /// Counts those of `tasks` that are of `process` (their index) and cycle `year`.
  StateTally(const std::vector<engine::Task>& tasks, std::size_t process, int year);
  /// Counts `task` (n = 1) or takes it out (n = -1), if it is of this process and cycle.
  void add(const engine::Task& task, int n);
  /// The counts of a step's occurrence; nullptr when it has no task.
  const Counts* of(std::size_t step, int occurrence) const;

 private:
  std::size_t process_;
  int year_;
  std::map<std::pair<std::size_t, int>, Counts> counts_;
};

struct WheelOptions {
  int year = 0;                    ///< the cycle to draw
  std::optional<dsl::Date> today;  ///< draws the hand; with `tasks`, the state colours
  dsl::Lang lang = dsl::Lang::sv;
  /// Task states from the engine (optional): arcs are coloured by the worst state of the
  /// step's tasks (overdue, due soon, done, upcoming) and a legend is drawn.
  const std::vector<engine::Task>* tasks = nullptr;
  std::size_t process_index = 0;  ///< which process `tasks` refer to for this wheel
  /// With `tasks`: their counts for this process and year, kept by the caller (the same
  /// tasks'); read instead of the tasks.
  const StateTally* tally = nullptr;
  std::optional<std::size_t> only_role;  ///< draw only this role's ring (its steps)
  /// Draws the process's title above the wheel; off where the page's own heading says it
  /// (the report), so the title is not read twice.
  bool heading = true;
  /// The arcs' data attributes of the layout (data-ring, data-lane, data-a0/a1, data-f0/f1,
  /// data-r0/r1), which only tests of the picture read: off on the web view's overview,
  /// where a wheel of 200 steps would carry 35 KB of them.
  bool layout_data = true;
  /// The <desc> that lists every step: off on the web view's overview, where the list of the
  /// steps (below the picture, or on a page of its own) is the text alternative, linked from
  /// the picture; a wheel of 200 steps would repeat it there in 26 KB.
  bool description = true;
};

/// One step's window on the wheel as its text alternative lists it (one per step and
/// occurrence, however many rings it is drawn in).
struct WheelItem {
  std::size_t step = 0;
  int occurrence = 1;
  std::string label;  ///< what a person reads (dsl::step_label), as the arc's label
  std::string roles;  ///< the rings it is drawn in, in VEM's order, ", " between
  dsl::Window window;
  std::optional<engine::State> state;  ///< the worst of its tasks' (with tasks)
  int done = 0, total = 0;             ///< tasks done, and tasks that apply
};

/// The picture and its text alternative: the same steps in date order (window start, then
/// deadline), which the SVG's <desc> holds as text too.
struct WheelPicture {
  std::string svg;
  std::vector<WheelItem> items;
};

/// The wheel of `process` with its items (see WheelPicture and render_wheel).
WheelPicture draw_wheel(const dsl::Process& process, const WheelOptions& options);

/// The wheel of `process` for one cycle as a standalone SVG document (UTF-8, every text
/// escaped, no external references). Months start where the cycle starts (January, or
/// August for läsår).
std::string render_wheel(const dsl::Process& process, const WheelOptions& options);

/// The width of `text` in DejaVu Sans (the widest of the fonts the wheel names) at font
/// size `size`, in the same units: how the wheel decides what fits.
double text_width(const std::string& text, double size, bool bold = false);

/// `text` as XML or HTML character data or attribute value: & < > " ' escaped, invalid UTF-8
/// as U+FFFD, the control characters XML does not allow as spaces. The one escaper of the
/// tree: present/'s HTML writer escapes through it.
std::string escape_xml(std::string_view text);
/// The length of `text`'s start that escape_xml leaves as it is: printable ASCII but & < > " ',
/// and the well-formed UTF-8 of two and three bytes it keeps (å, ä, ö, é, dashes, no-break
/// space): a writer may copy that much without a string made for it.
std::size_t xml_plain_prefix(std::string_view text);

}  // namespace arshjul::pictures
