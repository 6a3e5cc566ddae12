#include "pictures/wheel_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <tuple>

#include "dsl/labels.hpp"
#include "dsl/months.hpp"
#include "dsl/text.hpp"
#include "pictures/wheel_lanes.hpp"
#include "pictures/wheel_text.hpp"

namespace arshjul::pictures {
namespace ch = std::chrono;
using dsl::Msg;
using dsl::say;
using dsl::tr;
using namespace wheel_size;

namespace {

// ---- Sizes, in user units of the viewBox. The drawing is made for print: a wheel of
// average size is about 1100 units wide, so on A4 (190 mm across) a unit is about 0.17 mm
// and a label (15 units) about 2.6 mm high, 7.4 pt; on A3 10.5 pt. A bigger plan makes a
// bigger wheel at the same sizes (more lanes), so it keeps its proportions and needs a
// bigger sheet (or zooming on screen) rather than getting smaller type.
constexpr double kLane = 28;             // one lane, from the inner edge to the next lane's
constexpr double kMaxLane = 42;          // how thick lanes may get to fill a small plan's wheel
constexpr double kBand = 18;             // the band with the role's name on the ring's inner side
constexpr double kRingGap = 6;           // between rings
constexpr double kHub = 120;             // radius of the hub
constexpr double kMinLanesRadius = 420;  // small plans get a wheel at least this big
constexpr double kMonthBand = 46;
constexpr double kMinArcDeg = 1.2;  // a one-day window is still visible
constexpr double kArcInset = 1.5;   // units left free at each end of an arc in its lane

// ---- Colours ------------------------------------------------------------------------

constexpr Colour kRoleColours[] = {
    {"#cfe0f5", "#2f6db3"}, {"#fbd9b5", "#b85c12"}, {"#cde8c8", "#357a34"}, {"#e2d5f0", "#6b4c9a"},
    {"#c5e6e6", "#23706f"}, {"#f5cfdc", "#a83a62"}, {"#e8e4bb", "#6f6b1f"}, {"#e8d7c6", "#7a5535"},
    {"#d6dce5", "#4a586a"}, {"#f6e7a8", "#8a6d00"},
};

Colour role_colour(std::size_t role) {
  return kRoleColours[role % std::size(kRoleColours)];
}

// Indexed by engine::State, most urgent first.
// "klar sent" is not a lighter "klar": a pale yellow with a brown edge and dots, against the
// full green of "klar" (issue 18: #dcebb5 and #b9e0ba looked the same).
constexpr Colour kStateColours[] = {
    {"#f5aeae", "#c62828"}, {"#e3c6ee", "#7b3fa0"}, {"#fcd98f", "#b26a00"}, {"#cfe3f7", "#2f6db3"},
    {"#e7ebee", "#78909c"}, {"#f3ecc2", "#7a5200"}, {"#a5d6a7", "#2e7d32"}, {"#f7f7f7", "#b0b0b0"},
    {"#f7f7f7", "#b0b0b0"},  // before start: like not applicable, nothing to do about it
};
static_assert(std::size(kStateColours) ==
              static_cast<std::size_t>(engine::State::before_start) + 1);

Colour state_colour(engine::State s) {
  return kStateColours[static_cast<std::size_t>(s)];
}

/// The pattern over a state's colour, so the state does not rest on colour alone (the
/// patterns are defined in the writer's <defs>): stripes, cross-hatching, dots.
std::string state_pattern(engine::State s) {
  switch (s) {
    case engine::State::overdue:
      return "p-overdue";
    case engine::State::blocked:
      return "p-blocked";
    case engine::State::done_late:
      return "p-done-late";
    default:
      return "";
  }
}

// ---- Geometry -----------------------------------------------------------------------

/// Text on the lower half of the wheel is flipped to stay upright.
bool lower_half(double mid_deg) {
  double m = std::fmod(std::fmod(mid_deg, 360) + 360, 360);
  return m > 90 && m < 270;
}

long day_number(dsl::Date d) {
  return ch::sys_days(d).time_since_epoch().count();
}

// ---- What every part of the layout asks ----------------------------------------------

struct Context {
  const dsl::Process& p;
  const WheelOptions& o;
  dsl::Lang lang;
  bool school;
  dsl::Date start;
  long day0;
  double cycle_days;

  Context(const dsl::Process& process, const WheelOptions& options)
      : p(process),
        o(options),
        lang(options.lang),
        school(process.cycle != dsl::CycleKind::calendar_year),
        start(dsl::cycle_start(process.cycle, options.year)),
        day0(day_number(start)),
        cycle_days(static_cast<double>(
            day_number(dsl::cycle_start(process.cycle, options.year + 1)) - day0)) {}

  /// Degrees from the cycle's start to the start of `d`.
  double angle(dsl::Date d) const { return (day_number(d) - day0) * 360.0 / cycle_days; }
  bool shown(std::size_t role) const { return !o.only_role || *o.only_role == role; }
};

// ---- Rings and arcs -----------------------------------------------------------------

/// Every role named in VEM (or only the one asked for), in declaration order, the first
/// outermost: the rings inside out.
std::vector<WheelRing> make_rings(const Context& c) {
  std::vector<bool> used(c.p.roles.size(), false);
  for (const auto& s : c.p.steps)
    for (const auto& r : s.roles) used[r.role] = used[r.role] || c.shown(r.role);
  std::vector<WheelRing> rings;
  for (std::size_t r = c.p.roles.size(); r-- > 0;)
    if (used[r]) {
      rings.emplace_back();
      rings.back().role = r;
      rings.back().name = c.p.roles[r].name;
      rings.back().lane = kLane;
    }
  return rings;
}

/// One arc per window of every step in each of its roles' rings.
//
// Windows past the cycle's twelve months (`nästa år`, a range running into the next year)
// WRAP: a window, or the part of one, after the cycle's end is drawn where its dates fall on
// the wheel in the next turn, so January next year lies on January, and that part is hatched
// with a dashed edge (the legend says so) and its title names the dates. The same for a part
// before the cycle's start (a deadline moved back over New Year). A window longer than a
// whole turn is CLAMPED to one turn from its start (data-clamped).
void add_arcs(const Context& c, WheelLayout& l) {
  std::vector<std::size_t> ring_of(c.p.roles.size(), 0);
  for (std::size_t i = 0; i < l.rings.size(); ++i) ring_of[l.rings[i].role] = i;
  std::vector<dsl::Diagnostic> ignored;
  for (std::size_t si = 0; si < c.p.steps.size(); ++si) {
    const auto& s = c.p.steps[si];
    if (std::none_of(s.roles.begin(), s.roles.end(),
                     [&](const dsl::RoleRef& r) { return c.shown(r.role); }))
      continue;
    auto ws = dsl::windows(c.p, s, c.o.year, ignored);
    l.windows_total += ws.size();
    for (std::size_t k = 0; k < ws.size(); ++k) {
      WheelArc a;
      a.step = si;
      a.step_id = s.id;
      a.label = dsl::step_label(s);
      a.occurrence = static_cast<int>(k) + 1;
      a.window = ws[k];
      dsl::Date first = std::min(a.window.start, a.window.deadline);
      dsl::Date last = std::max(a.window.start, a.window.deadline);
      a.w0 = c.angle(first);
      a.w1 = c.angle(dsl::Date(ch::sys_days(last) + ch::days(1)));
      a.u0 = a.w0;
      a.u1 = a.w1;
      a.clamped = a.u1 - a.u0 > 360;
      if (a.clamped) a.u1 = a.u0 + 360;
      if (a.u1 - a.u0 < kMinArcDeg) {
        double mid = (a.u0 + a.u1) / 2;
        a.u0 = mid - kMinArcDeg / 2;
        a.u1 = mid + kMinArcDeg / 2;
      }
      double shift = std::floor(a.u0 / 360) * 360;
      a.a0 = a.u0 - shift;
      a.a1 = a.u1 - shift;
      for (const auto& ref : s.roles) {
        if (!c.shown(ref.role)) continue;
        a.ring = ring_of[ref.role];
        a.if_needed = ref.if_needed;
        l.rings[a.ring].arcs.push_back(l.arcs.size());
        l.arcs.push_back(a);
      }
    }
  }
}

/// Each arc's state: the worst of the step's tasks in this occurrence (most urgent first),
/// from the caller's tally or one made here. Returns which states occur.
std::vector<bool> aggregate_states(const Context& c, std::vector<WheelArc>& arcs) {
  std::vector<bool> seen(StateTally::kStates, false);
  if (!c.o.tasks) return seen;
  std::optional<StateTally> made;
  if (!c.o.tally) made.emplace(*c.o.tasks, c.o.process_index, c.o.year);
  const StateTally& tally = c.o.tally ? *c.o.tally : *made;
  for (auto& a : arcs) {
    const auto* counts = tally.of(a.step, a.occurrence);
    if (!counts) continue;
    for (std::size_t s = 0; s < counts->size(); ++s) {
      if ((*counts)[s] == 0) continue;
      if (!a.state) a.state = static_cast<engine::State>(s);  // the first: the worst
      if (s != static_cast<std::size_t>(engine::State::not_applicable)) a.total += (*counts)[s];
    }
    a.done = (*counts)[static_cast<std::size_t>(engine::State::done)] +
             (*counts)[static_cast<std::size_t>(engine::State::done_late)];
    // "29/30" once the work can have begun (not on arcs still to come, where it is all 0/30).
    if (a.total > 1 && (a.done > 0 || a.state != engine::State::upcoming))
      a.count = fmt::format("{}/{}", a.done, a.total);
    if (a.state) seen[static_cast<std::size_t>(*a.state)] = true;
  }
  return seen;
}

/// Radii: hub, rings inside out, months. A small plan's wheel is spread to a minimum size
/// (thicker lanes, then a bigger hub) rather than drawn as a thin ring: the picture is
/// scaled to the sheet, so a small wheel would only get bigger type and waste the sheet.
void place_rings(WheelLayout& l) {
  const auto widths = label_widths(l.arcs);
  auto layout = [&](double hub, double lane) {
    double r = hub + kRingGap;
    for (auto& ring : l.rings) {
      ring.band0 = r;
      ring.band1 = r + kBand;
      ring.lanes0 = ring.band1 + kLaneGap;
      ring.lane = lane;
      pack(ring, l.arcs, widths);
      ring.outer = ring.lanes0 + ring.lanes * lane;
      r = ring.outer + kRingGap;
    }
    return r;
  };
  l.hub = kHub;
  double r = layout(l.hub, kLane);
  if (!l.rings.empty() && r < kMinLanesRadius) {
    double lanes = 0;
    for (const auto& ring : l.rings) lanes += ring.lanes;
    double lane = std::min(kMaxLane, kLane + (kMinLanesRadius - r) / lanes);
    r = layout(l.hub, lane);
    if (r < kMinLanesRadius) {
      l.hub += kMinLanesRadius - r;
      r = layout(l.hub, lane);  // at larger radii footprints only shrink: never more lanes
    }
  }
  l.month0 = std::max(r, kMinLanesRadius);
  l.month1 = l.month0 + kMonthBand;
  l.outer = l.month1 + 14;
}

// ---- Texts --------------------------------------------------------------------------

/// The role's name four times round its band, so every part of the ring has one near.
void label_band(WheelRing& ring) {
  double rb_mid = (ring.band0 + ring.band1) / 2;
  for (int q = 0; q < 4; ++q) {
    double mid = 45 + 90 * q;
    bool flip = lower_half(mid);
    double rb = rb_mid + (flip ? 1 : -1) * kBandFont * 0.35;
    double span = 80;
    ring.band_labels[q] = {rb, mid - span / 2, mid + span / 2, flip,
                           fit(ring.name, rb * span * kPi / 180, kBandFont, true)};
  }
}

/// The tooltip of an arc: everything the rule says about the step.
std::string tooltip(const Context& c, const WheelArc& a) {
  const auto& s = c.p.steps[a.step];
  std::string tip = s.name();
  if (auto t = dsl::type_name(s.type, c.o.lang); !t.empty()) tip += " (" + t + ")";
  tip += fmt::format("\n{}: {}", tr<Msg::field_when>(c.lang), s.when.text);
  if (!s.link.empty()) tip += "\n" + s.link.get();
  tip += fmt::format("\n{} {} {} {}", tr<Msg::from_capital>(c.lang), dsl::iso(a.window.start),
                     tr<Msg::due>(c.lang), dsl::iso(a.window.deadline));
  if (a.window.moved_from)
    tip +=
        fmt::format(" ({} {})", tr<Msg::moved_from_word>(c.lang), dsl::iso(*a.window.moved_from));
  if (!a.outside.empty())
    tip += a.outside == "next" ? tr<Msg::wheel_runs_into_next>(c.lang)
                               : tr<Msg::wheel_starts_before>(c.lang);
  auto who = dsl::join(s.roles, ", ", [&](const dsl::RoleRef& ref) {
    return c.p.roles[ref.role].name + (ref.if_needed ? tr<Msg::if_needed>(c.lang) : "");
  });
  tip += fmt::format("\n{}: {}", tr<Msg::field_who>(c.lang), who);
  tip += fmt::format("\n{}: {}", tr<Msg::field_what>(c.lang), s.task);
  if (!s.deps.empty())
    tip += fmt::format("\n{}: {}", tr<Msg::field_after>(c.lang), c.p.dependency_ids(s));
  if (s.condition)
    tip += fmt::format("\n{}: {} = {}", tr<Msg::field_if>(c.lang), c.p.steps[s.condition->step].id,
                       s.condition->outcome);
  if (a.state) {
    tip += fmt::format("\n{}: {}", tr<Msg::state>(c.lang), engine::state_name(*a.state, c.o.lang));
    if (a.total > 1)
      tip += fmt::format(" ({} {} {} {})", a.done, tr<Msg::of>(c.lang), a.total,
                         tr<Msg::done_plural>(c.lang));
  }
  return tip;
}

/// The label along the lane, centred on the stretch the arc takes, shortened to fit; an arc
/// round a third of the wheel or more has it once per third, so it is never far.
void label_arc(WheelArc& a) {
  int copies = std::max(1, static_cast<int>((a.f1 - a.f0) / 120 + kEps));
  double seg = (a.f1 - a.f0) / copies;
  for (int j = 0; j < copies; ++j) {
    double s0 = a.f0 + j * seg, s1 = s0 + seg;
    bool flip = lower_half((s0 + s1) / 2);
    double rm = (a.r0 + a.r1) / 2;
    // Upright text on the lower half hangs inwards from its baseline: a unit further in
    // keeps the outer edge free for the share strip, as on the upper half.
    double rb = rm + (flip ? kLabelFont * 0.35 - 1 : -kLabelFont * 0.35);
    double pad = kLabelFont * 0.4;
    double room = (rm - kLabelFont * 0.35) * (s1 - s0) * kPi / 180 - 2 * pad + 0.01;  // rounding
    // The count stays whole; the name is cut at a word, or left out when not a word fits.
    std::string suffix = a.count.empty() ? "" : " " + a.count;
    std::string label = fit_words(a.label, room - text_width(suffix, kLabelFont), kLabelFont);
    label = label.empty() ? a.count : label + suffix;
    if (!label.empty() && text_width(label, kLabelFont) <= room)
      a.labels.push_back({{rb, s0, s1, flip, std::move(label)}, room, j});
  }
}

/// How the arc is drawn: its lane's radii, its ends inset a little so neighbours in a lane
/// do not touch, the parts outside the cycle (wrapped, hatched), its colour and its texts.
void dress_arc(const Context& c, const WheelLayout& l, WheelArc& a) {
  const auto& ring = l.rings[a.ring];
  std::tie(a.r0, a.r1) = lane_radii(ring, a.lane);
  a.colour = a.state ? state_colour(*a.state) : role_colour(ring.role);
  if (a.state) a.pattern = state_pattern(*a.state);
  double inset = std::min(degrees(kArcInset, a.r0), (a.a1 - a.a0) / 4);
  a.d0 = a.a0 + inset;
  a.d1 = a.a1 - inset;
  a.outside = a.w0 < -kEps ? "previous" : a.w1 > 360 + kEps ? "next" : "";
  double shift = a.a0 - a.u0;  // the wrap: drawn angle = cycle angle + shift
  auto hatch = [&](double v0, double v1) {
    double h0 = std::max(v0 + shift, a.d0), h1 = std::min(v1 + shift, a.d1);
    if (h1 - h0 > kEps) a.hatched.emplace_back(h0, h1);
  };
  if (a.w1 > 360 + kEps) hatch(std::max(a.w0, 360.0), a.w1);
  if (a.w0 < -kEps) hatch(a.w0, std::min(a.w1, 0.0));
  a.tooltip = tooltip(c, a);
  label_arc(a);
}

/// The twelve months from the cycle's start, each named as fully as its stretch allows.
void add_months(const Context& c, WheelLayout& l) {
  int y = static_cast<int>(c.start.year());
  unsigned m = static_cast<unsigned>(c.start.month());
  for (int k = 0; k < 12; ++k) {
    WheelMonth month;
    month.month = m;
    month.year = y;
    unsigned nm = m == 12 ? 1 : m + 1;
    int ny = m == 12 ? y + 1 : y;
    month.a0 = c.angle(ch::year(y) / ch::month(m) / 1);
    month.a1 = c.angle(ch::year(ny) / ch::month(nm) / 1);
    bool flip = lower_half((month.a0 + month.a1) / 2);
    double rb = (l.month0 + l.month1) / 2 + (flip ? 1 : -1) * kMonthFont * 0.35;
    std::string name(dsl::month_name(m, c.o.lang));
    double room = rb * (month.a1 - month.a0) * kPi / 180 - 8;
    std::string shown = text_width(name, kMonthFont, true) <= room ? name : first_chars(name, 4);
    if (shown != name && shown.size() > 2)
      shown = dsl::utf8_encode(dsl::utf8_decode(name).substr(0, 3));
    month.name = {rb, month.a0, month.a1, flip, std::move(shown)};
    month.year_mark = k > 0 && m == 1;
    l.months.push_back(std::move(month));
    m = nm;
    y = ny;
  }
}

}  // namespace

namespace {

// ---- The text alternative ---------------------------------------------------------------

/// One item per step and occurrence (its arcs in several rings are one item), in date order.
std::vector<WheelItem> make_items(const WheelLayout& l) {
  std::vector<WheelItem> items;
  for (const auto& a : l.arcs) {
    auto same = [&](const WheelItem& i) {
      return i.step == a.step && i.occurrence == a.occurrence;
    };
    auto it = std::find_if(items.begin(), items.end(), same);
    if (it != items.end()) {
      it->roles += ", " + l.rings[a.ring].name;
      continue;
    }
    items.push_back(
        {a.step, a.occurrence, a.label, l.rings[a.ring].name, a.window, a.state, a.done, a.total});
  }
  std::stable_sort(items.begin(), items.end(), [](const WheelItem& x, const WheelItem& y) {
    auto key = [](const WheelItem& i) {
      return std::tuple(ch::sys_days(i.window.start), ch::sys_days(i.window.deadline), i.step,
                        i.occurrence);
    };
    return key(x) < key(y);
  });
  return items;
}

/// The <desc>: what the picture is, then every item on a line of its own.
std::string describe(const Context& c, const WheelLayout& l) {
  std::string d = tr<Msg::wheel_description>(c.lang);
  for (const auto& i : l.items) {
    d += fmt::format("\n{} ({}): {} – {}", i.label, i.roles, dsl::iso(i.window.start),
                     dsl::iso(i.window.deadline));
    if (i.state) d += ", " + engine::state_name(*i.state, c.o.lang);
    if (i.total > 1)
      d += fmt::format(", {} {} {} {}", i.done, tr<Msg::of>(c.lang), i.total,
                       tr<Msg::done_plural>(c.lang));
  }
  return d;
}

// ---- Legend, hint and header ----------------------------------------------------------

/// What the colours mean (the states present, or the roles), then the hatching, `vid behov`
/// and the hand where the wheel has them.
std::vector<LegendEntry> legend_entries(const Context& c, const WheelLayout& l,
                                        const std::vector<bool>& state_seen) {
  std::vector<LegendEntry> legend;
  for (std::size_t s = 0; s < state_seen.size(); ++s) {
    if (!state_seen[s]) continue;
    auto state = static_cast<engine::State>(s);
    auto colour = state_colour(state);
    legend.push_back({colour.fill, colour.stroke, state == engine::State::not_applicable, false,
                      false, engine::state_name(state, c.o.lang), state_pattern(state)});
  }
  if (!c.o.tasks)
    for (std::size_t i = l.rings.size(); i-- > 0;) {
      auto colour = role_colour(l.rings[i].role);
      legend.push_back({colour.fill, colour.stroke, false, false, false, l.rings[i].name, ""});
    }
  const auto& arcs = l.arcs;
  if (std::any_of(arcs.begin(), arcs.end(), [](const WheelArc& a) { return !a.outside.empty(); })) {
    int y = c.o.year;
    std::string text = c.school ? say<Msg::wheel_outside_school_year>(c.lang, y + 1, (y + 2) % 100)
                                : say<Msg::wheel_outside_year>(c.lang, y + 1);
    legend.push_back({"#ffffff", "#555555", true, true, false, std::move(text), ""});
  }
  if (std::any_of(arcs.begin(), arcs.end(), [](const WheelArc& a) { return a.if_needed; }))
    legend.push_back(
        {"#ffffff", "#555555", true, false, false, tr<Msg::if_needed_word>(c.lang), ""});
  if (c.o.today) legend.push_back({"", "#c2185b", false, false, true, tr<Msg::today>(c.lang), ""});
  return legend;
}

/// The legend in rows under the wheel, then the hint under it; sets the page's height.
void place_legend_and_hint(const Context& c, WheelLayout& l, double wheel_bottom) {
  double lx = kMargin, ly = wheel_bottom + 12;
  const double row = l.legend_font * 1.9;
  for (auto& e : l.legend) {
    double item = l.swatch + 8 + text_width(e.text, l.legend_font) + 28;
    if (lx + item > l.width - kMargin && lx > kMargin) {
      lx = kMargin;
      ly += row;
    }
    e.x = lx;
    e.y = ly;
    lx += item;
  }
  l.hint_y = (l.legend.empty() ? wheel_bottom : ly + row) + 8;
  std::string hint = tr<Msg::wheel_hint>(c.lang);
  l.hint_lines = dsl::wrap_words(hint, l.width - 2 * kMargin, [&](std::string_view t) {
    return text_width(std::string(t), l.hint_font);
  });
  l.height = l.hint_y + l.hint_lines.size() * l.hint_font * 1.4 + kMargin / 2;
}

/// The document's title and description, and the heading and subheading above the wheel.
void add_titles(const Context& c, WheelLayout& l) {
  const auto& p = c.p;
  l.cycle_text =
      c.school ? fmt::format("{}/{:02}", l.year, (l.year + 1) % 100) : fmt::format("{}", l.year);
  l.kind_text = dsl::cycle_name(c.p.cycle, c.lang);
  const std::string& title = p.title.empty() ? p.id : p.title;
  l.title = fmt::format("{}: {} {} ({})", tr<Msg::annual_wheel>(c.lang), title, l.cycle_text, p.id);
  l.description = describe(c, l);
  std::string shown = fit(title, l.width - 2 * kMargin, 30, true);
  l.heading = !c.o.heading ? std::string() : shown.empty() ? title : shown;
  l.layout_data = c.o.layout_data;
  l.with_desc = c.o.description;
  std::vector<dsl::Diagnostic> ignored;
  std::size_t step_count = 0;
  for (const auto& s : p.steps) step_count += dsl::windows(p, s, l.year, ignored).empty() ? 0 : 1;
  std::string sub =
      fmt::format("{} · {} {} · {} {} · {} {}", p.id, l.kind_text, l.cycle_text, step_count,
                  tr<Msg::wheel_steps>(c.lang), l.arcs.size(), tr<Msg::wheel_arcs>(c.lang));
  if (c.o.today)
    sub += fmt::format(" · {} {}",
                       c.o.tasks ? tr<Msg::wheel_state_as_of>(c.lang) : tr<Msg::date_lower>(c.lang),
                       dsl::iso(*c.o.today));
  l.subheading = fit(sub, l.width - 2 * kMargin, 18);
}

}  // namespace

WheelLayout layout_wheel(const dsl::Process& p, const WheelOptions& o) {
  const Context c(p, o);
  WheelLayout l;
  l.year = o.year;
  l.school = c.school;
  l.state_colours = o.tasks != nullptr;
  l.rings = make_rings(c);
  add_arcs(c, l);
  std::vector<bool> state_seen = aggregate_states(c, l.arcs);
  place_rings(l);

  // The page: a header, the wheel, a legend.
  l.width = std::max(2 * (l.outer + kMargin), 1000.0);
  const double header = 96;
  l.cx = l.width / 2;
  l.cy = header + kMargin / 2 + l.outer;
  for (auto& ring : l.rings) {
    // With states the arcs' colours mean states, so the bands are grey, not the role's colour.
    ring.colour = o.tasks ? Colour{"#eceff1", "#455a64"} : role_colour(ring.role);
    label_band(ring);
  }
  for (auto& a : l.arcs) dress_arc(c, l, a);
  l.items = make_items(l);
  add_months(c, l);
  if (o.today) {
    double t = c.angle(*o.today);
    l.hand = std::fmod(std::fmod(t, 360) + 360, 360);
    l.today_word = tr<Msg::today>(c.lang);
    l.today_iso = dsl::iso(*o.today);
  }
  l.legend = legend_entries(c, l, state_seen);
  place_legend_and_hint(c, l, l.cy + l.outer + kMargin / 2);
  add_titles(c, l);
  return l;
}

}  // namespace arshjul::pictures
