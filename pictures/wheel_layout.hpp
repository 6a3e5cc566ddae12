#pragma once
// The wheel's layout: what goes where, as plain data and no SVG (see wheel.hpp for the picture
// it makes). layout_wheel decides the rings and their lanes, every arc's angles, radii, state
// and labels, the month band, today's hand, the legend and all the words (titles, tooltips,
// the hint below the legend); write_wheel_svg (wheel_svg.cpp) only serialises the result.
//
// Angles are degrees clockwise from the top of the wheel, where the cycle starts; radii and
// positions are user units of the picture's viewBox.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "pictures/wheel.hpp"

namespace arshjul::pictures {

/// Sizes the writer needs as well: the fonts its style sheet names, the page's margin.
namespace wheel_size {
inline constexpr double kLabelFont = 15;  ///< step labels
inline constexpr double kBandFont = 13;   ///< the role's name on its band
inline constexpr double kMonthFont = 21;
inline constexpr double kMargin = 36;
inline constexpr double kLaneGap = 3;  ///< free space between lanes
inline constexpr double kShare = 4;    ///< the strip showing the share of units done
inline constexpr double kEps = 1e-9;
inline constexpr double kPi = 3.14159265358979323846;
}  // namespace wheel_size

/// Degrees that `length` units take at radius `r`.
inline double degrees(double length, double r) {
  return length / r * 180 / wheel_size::kPi;
}

struct Colour {
  const char* fill;
  const char* stroke;
};

/// Text along a circle of radius `r` over [a0, a1], centred; `flip` when the path runs
/// counter-clockwise (text on the lower half, kept upright).
struct PathText {
  double r = 0, a0 = 0, a1 = 0;
  bool flip = false;
  std::string text;  ///< as shown: shortened to fit
};

struct WheelRing {
  std::size_t role = 0;
  std::string name;               ///< the role's
  std::vector<std::size_t> arcs;  ///< indexes into WheelLayout::arcs
  int lanes = 1;
  double band0 = 0, band1 = 0;          ///< the band with the role's name
  double lanes0 = 0;                    ///< inner edge of lane 0
  double lane = 0;                      ///< thickness of a lane
  double outer = 0;                     ///< outer edge of the last lane
  Colour colour{};                      ///< of the band
  std::array<PathText, 4> band_labels;  ///< the name four times round the band
};

/// A label of an arc, with the room (length along its path) it was fitted into.
struct ArcLabel {
  PathText path;
  double room = 0;
  int copy = 0;  ///< which of the arc's copies of the label (one per third of the wheel)
};

/// One window of one step in one role's ring.
struct WheelArc {
  std::size_t step = 0;
  std::string step_id;
  std::string label;  ///< what the arc is called: the step's title, else its id
  std::size_t ring = 0;
  int occurrence = 1;
  dsl::Window window;
  bool if_needed = false;
  bool clamped = false;   ///< longer than a turn: drawn as one turn from its start
  double w0 = 0, w1 = 0;  ///< the window in degrees from the cycle start, as its dates say
  double u0 = 0, u1 = 0;  ///< the same clamped to a turn and widened to a minimum, not wrapped
  double a0 = 0, a1 = 0;  ///< where it falls on the wheel: a0 in [0, 360), a1 > a0
  double f0 = 0, f1 = 0;  ///< the stretch of the lane it takes with its label: f0 in [0, 360)
  int lane = -1;
  std::optional<engine::State> state;  ///< the worst of its tasks' states
  int done = 0, total = 0;             ///< tasks done, and tasks that apply
  std::string count;                   ///< "29/30" for an arc of more than one task
  std::string pattern;                 ///< the state's pattern (an id in <defs>), if any
  // As drawn:
  double r0 = 0, r1 = 0;  ///< the lane's inner and outer radius
  double d0 = 0, d1 = 0;  ///< the drawn angles: a0 and a1 inset so neighbours do not touch
  std::string outside;    ///< "next" or "previous" when the window reaches past the cycle
  Colour colour{};
  std::vector<std::pair<double, double>> hatched;  ///< drawn stretches outside the cycle
  std::vector<ArcLabel> labels;  ///< the label once per third of the wheel it spans
  std::string tooltip;           ///< everything the rule says about the step
};

/// One month of the month band, from its first day to the next month's.
struct WheelMonth {
  unsigned month = 1;  ///< 1-12
  int year = 0;
  double a0 = 0, a1 = 0;
  PathText name;
  bool year_mark = false;  ///< the first month of a calendar year after the cycle's first
};

struct LegendEntry {
  std::string fill, stroke;
  bool dashed = false, hatched = false, hand = false;
  std::string text;
  std::string pattern;  ///< a state's pattern over the swatch
  double x = 0, y = 0;  ///< where its swatch goes
};

struct WheelLayout {
  int year = 0;
  bool school = false;              ///< a läsår rather than a calendar year
  bool state_colours = false;       ///< arcs coloured by state, not by role
  std::size_t windows_total = 0;    ///< of the steps shown
  std::string cycle_text;           ///< "2026", "2026/27"
  std::string kind_text;            ///< "kalenderår", "läsår" (in the language asked for)
  std::string title, description;   ///< the document's
  std::string heading, subheading;  ///< shown above the wheel, fitted to its width
  double width = 0, height = 0;     ///< the page
  double cx = 0, cy = 0;            ///< the wheel's centre
  double hub = 0;                   ///< radius of the hub
  double month0 = 0, month1 = 0;    ///< the month band
  double outer = 0;                 ///< the hand's tip
  std::vector<WheelRing> rings;     ///< inside out
  std::vector<WheelArc> arcs;
  std::vector<WheelItem> items;    ///< the text alternative, in date order
  std::vector<WheelMonth> months;  ///< twelve, from the cycle's start
  std::optional<double> hand;      ///< today's angle in [0, 360)
  std::string today_word;          ///< "i dag" / "today"
  std::string today_iso;
  double legend_font = 16, swatch = 34;
  std::vector<LegendEntry> legend;
  double hint_font = 13, hint_y = 0;
  std::vector<std::string> hint_lines;
  bool layout_data = true;  ///< WheelOptions::layout_data
  bool with_desc = true;    ///< WheelOptions::description
};

/// Where everything of the wheel of `process` for `options.year` goes.
WheelLayout layout_wheel(const dsl::Process& process, const WheelOptions& options);

/// The layout as a standalone SVG document (see wheel.hpp).
std::string write_wheel_svg(const WheelLayout& layout);

}  // namespace arshjul::pictures
