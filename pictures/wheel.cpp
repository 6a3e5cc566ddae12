#include "pictures/wheel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>

namespace arshjul::pictures {
namespace ch = std::chrono;

namespace {

constexpr double kPi = 3.14159265358979323846;

// ---- Sizes, in user units of the viewBox. The drawing is made for print: a wheel of
// average size is about 1100 units wide, so on A4 (190 mm across) a unit is about 0.17 mm
// and a label (15 units) about 2.6 mm high, 7.4 pt; on A3 10.5 pt. A bigger plan makes a
// bigger wheel at the same sizes (more lanes), so it keeps its proportions and needs a
// bigger sheet (or zooming on screen) rather than getting smaller type.
constexpr double kLabelFont = 15;  // step labels
constexpr double kLane = 28;       // one lane, from the inner edge to the next lane's
constexpr double kMaxLane = 42;    // how thick lanes may get to fill a small plan's wheel
constexpr double kLaneGap = 3;     // free space between lanes
constexpr double kBand = 18;       // the band with the role's name on the ring's inner side
constexpr double kBandFont = 13;
constexpr double kRingGap = 6;           // between rings
constexpr double kHub = 120;             // radius of the hub
constexpr double kMinLanesRadius = 420;  // small plans get a wheel at least this big
constexpr double kMonthBand = 46;
constexpr double kMonthFont = 21;
constexpr double kMargin = 36;
constexpr double kMinArcDeg = 1.2;     // a one-day window is still visible
constexpr double kArcInset = 1.5;      // units left free at each end of an arc in its lane
constexpr std::size_t kCapChars = 12;  // a short arc still reserves room for this many characters
constexpr double kEps = 1e-9;

// Advance widths of DejaVu Sans in 1/1000 em for ' '..'~' and then kExtras, regular and
// bold, as measured in Chromium (canvas measureText). The wheel names DejaVu Sans first;
// Verdana is about as wide, Arial and Helvetica narrower, so what fits here fits there.
constexpr int kRegular[] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318,  337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695,  635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,  615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592,  818, 592, 592,
    525, 636, 337, 636, 838, 613, 613, 612, 684, 684, 787, 615, 634, 732, 500,  1000};
constexpr int kBold[] = {
    348, 456,  521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380,  365, 696, 696,
    696, 696,  696, 696, 696, 696,  696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683,  683, 821, 837, 372,  372, 775, 637, 995, 837, 850, 733, 850, 770,  720, 682, 812,
    774, 1103, 771, 724, 725, 457,  365, 457, 838, 500, 500, 675, 716, 593, 716,  678, 435, 716,
    712, 343,  343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652,  924, 645, 652,
    582, 712,  365, 712, 838, 675,  675, 687, 774, 774, 850, 678, 712, 812, 500,  1000};
constexpr char32_t kExtras[] = U"åäöÅÄÖéüÜ–…";

constexpr const char* kFontFamily = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

// ---- Text ---------------------------------------------------------------------------

/// The code points of `s`; a byte that does not start a valid UTF-8 sequence becomes U+FFFD.
std::u32string decode(std::string_view s) {
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    char32_t c = n <= 0 ? b : n == 1 ? (b & 0x1F) : n == 2 ? (b & 0x0F) : (b & 0x07);
    bool ok = n >= 0 && i + static_cast<std::size_t>(n) < s.size();
    for (int k = 1; ok && k <= n; ++k) {
      auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb >> 6) != 2) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    if (ok && n > 0 && (c < kMin[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) ok = false;
    if (!ok) {
      out += U'\uFFFD';
      ++i;
    } else {
      out += c;
      i += static_cast<std::size_t>(n) + 1;
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

/// `s` as XML character data or attribute value: & < > " ' escaped, invalid UTF-8 as U+FFFD,
/// and the characters XML 1.0 does not allow (control characters, U+FFFE, U+FFFF) as spaces,
/// so any text from a rule file gives a well-formed document.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : decode(s)) {
    switch (c) {
      case U'&':
        out += "&amp;";
        break;
      case U'<':
        out += "&lt;";
        break;
      case U'>':
        out += "&gt;";
        break;
      case U'"':
        out += "&quot;";
        break;
      case U'\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || c == 0xFFFE || c == 0xFFFF ||
            (c >= 0x7F && c < 0xA0))
          out += ' ';
        else
          append_utf8(out, c);
    }
  }
  return out;
}

double char_width(char32_t c, bool bold) {
  const int* table = bold ? kBold : kRegular;
  if (c >= 0x20 && c < 0x7F) return table[c - 0x20] / 1000.0;
  for (std::size_t i = 0; kExtras[i]; ++i)
    if (kExtras[i] == c) return table[95 + i] / 1000.0;
  if (c >= 0x2E80) return 1.0;  // CJK and other wide scripts: a full em
  return bold ? 0.85 : 0.8;     // other letters: wider than any Latin letter but W and M
}

double width_of(std::u32string_view s, double size, bool bold) {
  double w = 0;
  for (char32_t c : s) w += char_width(c, bold);
  return w * size;
}

/// `text` shortened to fit `width`: the start and the end kept with '…' between (ids often
/// differ at the end: nämndmål_beslut, nämndmål_dialog); empty when not even two
/// characters and the ellipsis fit.
std::string fit(const std::string& text, double width, double size, bool bold = false) {
  std::u32string s = decode(text);
  if (width_of(s, size, bold) <= width) return text;
  for (std::size_t keep = s.size() - 1; keep >= 2; --keep) {
    std::size_t tail = keep * 2 / 5, head = keep - tail;
    std::u32string t = s.substr(0, head) + U"…" + s.substr(s.size() - tail);
    if (width_of(t, size, bold) <= width) return encode(t);
  }
  return {};
}

/// At most `n` code points of `text`, shortened in the middle as `fit` does.
std::string first_chars(const std::string& text, std::size_t n) {
  std::u32string s = decode(text);
  if (s.size() <= n) return text;
  std::size_t keep = n - 1, tail = keep * 2 / 5, head = keep - tail;
  return encode(s.substr(0, head) + U"…" + s.substr(s.size() - tail));
}

// ---- Geometry -----------------------------------------------------------------------

std::string num(double v) {
  return fmt::format("{:.1f}", std::abs(v) < 0.05 ? 0.0 : v);
}

struct Geo {
  double cx = 0, cy = 0;
  /// The point at radius `r` and `deg` degrees clockwise from the top.
  std::string at(double r, double deg) const {
    double t = deg * kPi / 180;
    return num(cx + r * std::sin(t)) + "," + num(cy - r * std::cos(t));
  }
  double x(double r, double deg) const { return cx + r * std::sin(deg * kPi / 180); }
  double y(double r, double deg) const { return cy - r * std::cos(deg * kPi / 180); }
};

/// Arc commands along radius `r` from angle `from` (the current point) to `to`, clockwise
/// when to > from, in pieces of at most 90 degrees (so a full turn works too).
std::string arc_to(const Geo& g, double r, double from, double to) {
  std::string d;
  int pieces = std::max(1, static_cast<int>(std::ceil(std::abs(to - from) / 90 - kEps)));
  for (int i = 1; i <= pieces; ++i) {
    double a = from + (to - from) * i / pieces;
    d += fmt::format(" A{},{} 0 0 {} {}", num(r), num(r), to > from ? 1 : 0, g.at(r, a));
  }
  return d;
}

/// An annular sector: radii r0 < r1, angles a0 < a1.
std::string sector(const Geo& g, double r0, double r1, double a0, double a1) {
  return "M" + g.at(r1, a0) + arc_to(g, r1, a0, a1) + " L" + g.at(r0, a1) + arc_to(g, r0, a1, a0) +
         " Z";
}

/// A path along radius `r` over [a0, a1] for text: clockwise, or counter-clockwise when
/// `flip` (text on the lower half reads left to right that way, upright).
std::string text_path(const Geo& g, double r, double a0, double a1, bool flip) {
  return flip ? "M" + g.at(r, a1) + arc_to(g, r, a1, a0) : "M" + g.at(r, a0) + arc_to(g, r, a0, a1);
}

/// Text on the lower half of the wheel is flipped to stay upright.
bool lower_half(double mid_deg) {
  double m = std::fmod(std::fmod(mid_deg, 360) + 360, 360);
  return m > 90 && m < 270;
}

/// Degrees that `length` units take at radius `r`.
double degrees(double length, double r) {
  return length / r * 180 / kPi;
}

long day_number(dsl::Date d) {
  return ch::sys_days(d).time_since_epoch().count();
}

// ---- Colours ------------------------------------------------------------------------

struct Colour {
  const char* fill;
  const char* stroke;
};

constexpr Colour kRoleColours[] = {
    {"#cfe0f5", "#2f6db3"}, {"#fbd9b5", "#b85c12"}, {"#cde8c8", "#357a34"}, {"#e2d5f0", "#6b4c9a"},
    {"#c5e6e6", "#23706f"}, {"#f5cfdc", "#a83a62"}, {"#e8e4bb", "#6f6b1f"}, {"#e8d7c6", "#7a5535"},
    {"#d6dce5", "#4a586a"}, {"#f6e7a8", "#8a6d00"},
};

Colour state_colour(engine::State s) {
  switch (s) {
    case engine::State::overdue:
      return {"#f5aeae", "#c62828"};
    case engine::State::blocked:
      return {"#e3c6ee", "#7b3fa0"};
    case engine::State::due_soon:
      return {"#fcd98f", "#b26a00"};
    case engine::State::ready:
      return {"#cfe3f7", "#2f6db3"};
    case engine::State::upcoming:
      return {"#e7ebee", "#78909c"};
    case engine::State::done_late:
      return {"#dcebb5", "#5f7f17"};
    case engine::State::done:
      return {"#b9e0ba", "#2e7d32"};
    case engine::State::not_applicable:
      return {"#f7f7f7", "#b0b0b0"};
  }
  return {"#eeeeee", "#999999"};
}

// ---- Words --------------------------------------------------------------------------

const char* month_name(int m, dsl::Lang lang) {
  static constexpr const char* sv[] = {"januari",   "februari", "mars",     "april",
                                       "maj",       "juni",     "juli",     "augusti",
                                       "september", "oktober",  "november", "december"};
  static constexpr const char* en[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
  return (lang == dsl::Lang::sv ? sv : en)[m - 1];
}

struct Words {
  bool sv;
  const char* pick(const char* s, const char* e) const { return sv ? s : e; }
};

// ---- The arcs -----------------------------------------------------------------------

struct Arc {
  std::size_t step = 0;
  std::size_t ring = 0;
  int occurrence = 1;
  dsl::Window window;
  bool if_needed = false;
  bool clamped = false;
  double w0 = 0, w1 = 0;  // the window in degrees from the cycle start, as its dates say
  double u0 = 0, u1 = 0;  // the same clamped to a turn and widened to kMinArcDeg, not wrapped
  double a0 = 0, a1 = 0;  // as drawn: a0 in [0, 360)
  double f0 = 0, f1 = 0;  // the stretch of the lane it takes, with its label
  int lane = -1;
  std::optional<engine::State> state;
  int done = 0, total = 0;
};

struct Ring {
  std::size_t role = 0;
  std::vector<std::size_t> arcs;
  int lanes = 1;
  double band0 = 0, band1 = 0;  // the band with the role's name
  double lanes0 = 0;            // inner edge of lane 0
  double lane = kLane;          // thickness of a lane
  double outer = 0;
};

/// Radii of lane `lane` of `ring`: the arc's inner and outer edge.
std::pair<double, double> lane_radii(const Ring& ring, int lane) {
  double r0 = ring.lanes0 + lane * ring.lane;
  return {r0, r0 + ring.lane - kLaneGap};
}

/// The stretch [f0, f1] an arc takes in a lane at radius `r` (its middle): the arc, or, when
/// its label needs more room than the arc has, as much more as kCapChars characters take,
/// centred on the arc. f0 is brought into [0, 360).
void set_footprint(Arc& a, const std::string& id, double r) {
  double pad = kLabelFont * 0.4;
  double need = degrees(text_width(id, kLabelFont) + 2 * pad, r);
  double cap = degrees(text_width(first_chars(id, kCapChars), kLabelFont) + 2 * pad, r);
  double width = std::min(360.0, std::max(a.a1 - a.a0, std::min(need, cap)));
  double mid = (a.a0 + a.a1) / 2;
  a.f0 = width <= a.a1 - a.a0 + kEps ? a.a0 : mid - width / 2;
  a.f1 = a.f0 + width;
  double shift = std::floor(a.f0 / 360) * 360;
  a.f0 -= shift;
  a.f1 -= shift;
}

/// The stretch [f0, f1] as pieces within [0, 360).
std::vector<std::pair<double, double>> pieces(double f0, double f1) {
  if (f1 <= 360 + kEps) return {{f0, std::min(f1, 360.0)}};
  return {{f0, 360.0}, {0.0, f1 - 360}};
}

bool overlaps(const std::vector<std::pair<double, double>>& taken, double f0, double f1) {
  for (auto [b0, b1] : pieces(f0, f1))
    for (auto [t0, t1] : taken)
      if (b0 < t1 - kEps && t0 < b1 - kEps) return true;
  return false;
}

/// Puts the arcs of `ring` into lanes, from the inside out: each lane takes, of the arcs
/// left, as many as fit without overlap (earliest end first, the most one lane can take),
/// with footprints measured at that lane's radius. Returns the number of lanes.
int pack_lane_by_lane(const Ring& ring, std::vector<Arc>& arcs, const dsl::Process& p) {
  std::vector<std::size_t> left = ring.arcs;
  int lane = 0;
  while (!left.empty()) {
    auto [r0, r1] = lane_radii(ring, lane);
    for (auto i : left)
      set_footprint(arcs[i], p.steps[arcs[i].step].id, (r0 + r1) / 2 - kLabelFont * 0.35);
    std::stable_sort(left.begin(), left.end(),
                     [&](std::size_t x, std::size_t y) { return arcs[x].f1 < arcs[y].f1; });
    std::vector<std::pair<double, double>> taken;
    std::vector<std::size_t> next;
    for (auto i : left) {
      if (overlaps(taken, arcs[i].f0, arcs[i].f1)) {
        next.push_back(i);
        continue;
      }
      arcs[i].lane = lane;
      for (auto pc : pieces(arcs[i].f0, arcs[i].f1)) taken.push_back(pc);
    }
    left = std::move(next);
    ++lane;
  }
  return lane;
}

/// The same by first fit: arcs over the top of the wheel first, then in order of start, each
/// into the innermost lane where it fits (optimal for intervals on a line).
int pack_first_fit(const Ring& ring, std::vector<Arc>& arcs, const dsl::Process& p) {
  std::vector<std::size_t> order = ring.arcs;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    bool wx = arcs[x].a1 > 360, wy = arcs[y].a1 > 360;
    if (wx != wy) return wx;
    if (arcs[x].a0 != arcs[y].a0) return arcs[x].a0 < arcs[y].a0;
    return arcs[x].a1 - arcs[x].a0 > arcs[y].a1 - arcs[y].a0;
  });
  std::vector<std::vector<std::pair<double, double>>> taken;
  for (auto i : order) {
    for (int lane = 0;; ++lane) {
      if (static_cast<std::size_t>(lane) == taken.size()) taken.emplace_back();
      auto [r0, r1] = lane_radii(ring, lane);
      set_footprint(arcs[i], p.steps[arcs[i].step].id, (r0 + r1) / 2 - kLabelFont * 0.35);
      if (overlaps(taken[lane], arcs[i].f0, arcs[i].f1)) continue;
      arcs[i].lane = lane;
      for (auto pc : pieces(arcs[i].f0, arcs[i].f1)) taken[lane].push_back(pc);
      break;
    }
  }
  return static_cast<int>(taken.size());
}

/// Packs the ring both ways and keeps the one with fewer lanes.
void pack(Ring& ring, std::vector<Arc>& arcs, const dsl::Process& p) {
  int first_fit = pack_first_fit(ring, arcs, p);
  std::vector<Arc> kept;
  for (auto i : ring.arcs) kept.push_back(arcs[i]);
  int by_lane = pack_lane_by_lane(ring, arcs, p);
  if (first_fit < by_lane)
    for (std::size_t k = 0; k < ring.arcs.size(); ++k) arcs[ring.arcs[k]] = kept[k];
  ring.lanes = std::max(1, std::min(first_fit, by_lane));
}

/// Appends formatted text to the document.
struct Writer {
  std::string out;
  template <typename... T>
  void operator()(fmt::format_string<T...> f, T&&... args) {
    fmt::format_to(std::back_inserter(out), f, std::forward<T>(args)...);
  }
};

engine::State worst(engine::State a, engine::State b) {
  return std::min(a, b);
}

}  // namespace

double text_width(const std::string& text, double size, bool bold) {
  return width_of(decode(text), size, bold);
}

std::string escape_xml(std::string_view text) {
  return esc(text);
}

std::string render_wheel(const dsl::Process& p, const WheelOptions& o) {
  const Words w{o.lang == dsl::Lang::sv};
  const bool school = p.cycle == dsl::CycleKind::school_year;
  const dsl::Date start = dsl::cycle_start(p.cycle, o.year);
  const long day0 = day_number(start);
  const double cycle_days =
      static_cast<double>(day_number(dsl::cycle_start(p.cycle, o.year + 1)) - day0);
  auto angle = [&](dsl::Date d) { return (day_number(d) - day0) * 360.0 / cycle_days; };

  // The rings: every role named in VEM (or only the one asked for), in declaration order,
  // the first outermost.
  auto shown = [&](std::size_t role) { return !o.only_role || *o.only_role == role; };
  std::vector<bool> used(p.roles.size(), false);
  for (const auto& s : p.steps)
    for (const auto& r : s.roles) used[r.role] = used[r.role] || shown(r.role);
  std::vector<Ring> rings;  // inside out
  for (std::size_t r = p.roles.size(); r-- > 0;)
    if (used[r]) {
      rings.emplace_back();
      rings.back().role = r;
    }
  std::vector<std::size_t> ring_of(p.roles.size(), 0);
  for (std::size_t i = 0; i < rings.size(); ++i) ring_of[rings[i].role] = i;

  // The arcs: one per window of every step in each of its roles' rings.
  //
  // Windows past the cycle's twelve months (`nästa år`, a range running into the next
  // year) WRAP: a window, or the part of one, after the cycle's end is drawn where its dates
  // fall on the wheel in the next turn, so January next year lies on January, and that part
  // is hatched with a dashed edge (the legend says so) and its title names the dates. The
  // same for a part before the cycle's start (a deadline moved back over New Year). A window
  // longer than a whole turn is CLAMPED to one turn from its start (data-clamped).
  std::vector<Arc> arcs;
  std::size_t windows_total = 0;
  std::vector<dsl::Diagnostic> ignored;
  for (std::size_t si = 0; si < p.steps.size(); ++si) {
    const auto& s = p.steps[si];
    if (std::none_of(s.roles.begin(), s.roles.end(),
                     [&](const dsl::RoleRef& r) { return shown(r.role); }))
      continue;
    auto ws = dsl::windows(p, s, o.year, ignored);
    windows_total += ws.size();
    for (std::size_t k = 0; k < ws.size(); ++k) {
      const auto& win = ws[k];
      dsl::Date first = std::min(win.start, win.deadline), last = std::max(win.start, win.deadline);
      const double w0 = angle(first), w1 = angle(dsl::Date(ch::sys_days(last) + ch::days(1)));
      double u0 = w0, u1 = w1;
      bool clamped = u1 - u0 > 360;
      if (clamped) u1 = u0 + 360;
      if (u1 - u0 < kMinArcDeg) {
        double mid = (u0 + u1) / 2;
        u0 = mid - kMinArcDeg / 2;
        u1 = mid + kMinArcDeg / 2;
      }
      for (const auto& ref : s.roles) {
        if (!shown(ref.role)) continue;
        Arc a;
        a.step = si;
        a.ring = ring_of[ref.role];
        a.occurrence = static_cast<int>(k) + 1;
        a.window = win;
        a.if_needed = ref.if_needed;
        a.clamped = clamped;
        a.w0 = w0;
        a.w1 = w1;
        a.u0 = u0;
        a.u1 = u1;
        double shift = std::floor(u0 / 360) * 360;
        a.a0 = u0 - shift;
        a.a1 = u1 - shift;
        rings[a.ring].arcs.push_back(arcs.size());
        arcs.push_back(std::move(a));
      }
    }
  }

  // States: the worst of the step's tasks in this occurrence (most urgent first).
  std::vector<bool> state_seen(8, false);
  if (o.tasks) {
    for (auto& a : arcs) {
      for (const auto& t : *o.tasks) {
        if (t.process != o.process_index || t.cycle != o.year || t.step != a.step ||
            t.occurrence != a.occurrence)
          continue;
        a.state = a.state ? worst(*a.state, t.state) : t.state;
        if (t.state != engine::State::not_applicable) ++a.total;
        if (t.state == engine::State::done || t.state == engine::State::done_late) ++a.done;
      }
      if (a.state) state_seen[static_cast<std::size_t>(*a.state)] = true;
    }
  }

  // Radii: hub, rings inside out, months. A small plan's wheel is spread to a minimum size
  // (thicker lanes, then a bigger hub) rather than drawn as a thin ring: the picture is
  // scaled to the sheet, so a small wheel would only get bigger type and waste the sheet.
  auto layout = [&](double hub, double lane) {
    double r = hub + kRingGap;
    for (auto& ring : rings) {
      ring.band0 = r;
      ring.band1 = r + kBand;
      ring.lanes0 = ring.band1 + kLaneGap;
      ring.lane = lane;
      pack(ring, arcs, p);
      ring.outer = ring.lanes0 + ring.lanes * lane;
      r = ring.outer + kRingGap;
    }
    return r;
  };
  double hub = kHub;
  double r = layout(hub, kLane);
  if (!rings.empty() && r < kMinLanesRadius) {
    double lanes = 0;
    for (const auto& ring : rings) lanes += ring.lanes;
    double lane = std::min(kMaxLane, kLane + (kMinLanesRadius - r) / lanes);
    r = layout(hub, lane);
    if (r < kMinLanesRadius) {
      hub += kMinLanesRadius - r;
      r = layout(hub, lane);  // at larger radii footprints only shrink: never more lanes
    }
  }
  const double lanes_outer = std::max(r, kMinLanesRadius);
  const double month0 = lanes_outer, month1 = month0 + kMonthBand;
  const double outer = month1 + 14;  // the hand's tip
  const double legend_font = 16;

  // The page: a header, the wheel, a legend.
  const double width = std::max(2 * (outer + kMargin), 1000.0);
  const double header = 96;
  Geo g{width / 2, header + kMargin / 2 + outer};
  const double wheel_bottom = g.cy + outer + kMargin / 2;

  // Legend entries: (swatch fill, stroke, dashed, hatched, text).
  struct Entry {
    std::string fill, stroke;
    bool dashed = false, hatched = false, hand = false;
    std::string text;
  };
  std::vector<Entry> legend;
  if (o.tasks) {
    for (std::size_t s = 0; s < state_seen.size(); ++s) {
      if (!state_seen[s]) continue;
      auto c = state_colour(static_cast<engine::State>(s));
      legend.push_back({c.fill, c.stroke,
                        s == static_cast<std::size_t>(engine::State::not_applicable), false, false,
                        engine::state_name(static_cast<engine::State>(s), o.lang)});
    }
  } else {
    for (std::size_t i = rings.size(); i-- > 0;) {
      const auto& c = kRoleColours[rings[i].role % std::size(kRoleColours)];
      legend.push_back({c.fill, c.stroke, false, false, false, p.roles[rings[i].role].name});
    }
  }
  bool any_outside = std::any_of(arcs.begin(), arcs.end(),
                                 [](const Arc& a) { return a.w0 < -kEps || a.w1 > 360 + kEps; });
  bool any_if_needed =
      std::any_of(arcs.begin(), arcs.end(), [](const Arc& a) { return a.if_needed; });
  if (any_outside)
    legend.push_back(
        {"#ffffff", "#555555", true, true, false,
         school ? fmt::format(
                      fmt::runtime(w.pick("utanför cykeln, t.ex. nästa läsår ({}/{:02})",
                                          "outside the cycle, e.g. next school year ({}/{:02})")),
                      o.year + 1, (o.year + 2) % 100)
                : fmt::format(fmt::runtime(w.pick("utanför cykeln, t.ex. nästa år ({})",
                                                  "outside the cycle, e.g. next year ({})")),
                              o.year + 1)});
  if (any_if_needed)
    legend.push_back({"#ffffff", "#555555", true, false, false, w.pick("vid behov", "if needed")});
  if (o.today) legend.push_back({"", "#c2185b", false, false, true, w.pick("i dag", "today")});
  // Lay the legend out in rows.
  struct Placed {
    std::size_t entry;
    double x, y;
  };
  std::vector<Placed> placed;
  double lx = kMargin, ly = wheel_bottom + 12;
  const double swatch = 34, row = legend_font * 1.9;
  for (std::size_t i = 0; i < legend.size(); ++i) {
    double item = swatch + 8 + text_width(legend[i].text, legend_font) + 28;
    if (lx + item > width - kMargin && lx > kMargin) {
      lx = kMargin;
      ly += row;
    }
    placed.push_back({i, lx, ly});
    lx += item;
  }
  double hint_y = (legend.empty() ? wheel_bottom : ly + row) + 8;
  const double hint_font = 13;
  std::vector<std::string> hint_lines;
  {
    std::string hint =
        w.sv ? "Tiden går medurs från cykelns början. Varje båge är ett stegs fönster "
               "(från–senast) i "
               "rollens ring; delar utanför cykeln är streckade och ritade där datumen hamnar på "
               "hjulet. "
               "Förkortade namn (…) och hela texten visas när muspekaren hålls över bågen."
             : "Time runs clockwise from the start of the cycle. Each arc is a step's window "
               "(from–due) in "
               "its role's ring; parts outside the cycle are hatched and drawn where their dates "
               "fall on "
               "the wheel. Shortened names (…) and the full text show when hovering over the arc.";
    std::string line;
    std::size_t at = 0;
    while (at < hint.size()) {
      std::size_t sp = hint.find(' ', at);
      std::string word = hint.substr(at, sp == std::string::npos ? std::string::npos : sp - at);
      at = sp == std::string::npos ? hint.size() : sp + 1;
      std::string tried = line.empty() ? word : line + " " + word;
      if (!line.empty() && text_width(tried, hint_font) > width - 2 * kMargin) {
        hint_lines.push_back(line);
        line = word;
      } else {
        line = tried;
      }
    }
    if (!line.empty()) hint_lines.push_back(line);
  }
  const double height = hint_y + hint_lines.size() * hint_font * 1.4 + kMargin / 2;

  Writer put;

  // ---- Document --------------------------------------------------------------------
  std::string cycle_text =
      school ? fmt::format("{}/{:02}", o.year, (o.year + 1) % 100) : fmt::format("{}", o.year);
  std::string kind_text =
      school ? w.pick("läsår", "school year") : w.pick("kalenderår", "calendar year");
  put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  put("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
      "viewBox=\"0 0 {} {}\" font-family=\"{}\" data-cycle=\"{}\" data-kind=\"{}\" "
      "data-windows=\"{}\" "
      "data-cx=\"{}\" data-cy=\"{}\">\n",
      num(width), num(height), kFontFamily, o.year, school ? "läsår" : "kalenderår", windows_total,
      num(g.cx), num(g.cy));
  put("<title>{}</title>\n", esc(fmt::format("{}: {} {} ({})", w.pick("Årshjul", "Annual wheel"),
                                             p.title.empty() ? p.id : p.title, cycle_text, p.id)));
  put("<desc>{}</desc>\n",
      esc(w.sv ? "Årshjul ritat av arshjul: tolv månader runt hjulet medurs från cykelns början, "
                 "en ring per roll, "
                 "varje steg en båge över sitt fönster. Håll muspekaren över en båge för hela "
                 "texten."
               : "Annual wheel drawn by arshjul: twelve months clockwise from the start of the "
                 "cycle, one ring per "
                 "role, each step an arc over its window. Hover over an arc for the full text."));
  put("<defs>\n"
      "<pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" "
      "patternTransform=\"rotate(45)\">"
      "<rect width=\"8\" height=\"8\" fill=\"#ffffff\" fill-opacity=\"0.35\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#333333\" stroke-width=\"1.6\" "
      "stroke-opacity=\"0.35\"/></pattern>\n"
      "<style>\n"
      "text {{ fill: #1a1a1a; }}\n"
      ".label {{ font-size: {}px; paint-order: stroke; stroke: #ffffff; stroke-opacity: 0.7; "
      "stroke-width: 3px; "
      "stroke-linejoin: round; }}\n"
      ".band {{ font-size: {}px; font-weight: bold; letter-spacing: 0.5px; }}\n"
      ".month {{ font-size: {}px; font-weight: bold; fill: #263238; }}\n"
      ".arc:hover path.fill {{ stroke-width: 3; }}\n"
      "</style>\n</defs>\n",
      num(kLabelFont), num(kBandFont), num(kMonthFont));
  put("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", num(width),
      num(height));

  // ---- Header ----------------------------------------------------------------------
  {
    std::string title = p.title.empty() ? p.id : p.title;
    std::string shown = fit(title, width - 2 * kMargin, 30, true);
    put("<text x=\"{}\" y=\"{}\" font-size=\"30\" font-weight=\"bold\">{}</text>\n", num(kMargin),
        num(kMargin + 24), esc(shown.empty() ? title : shown));
    std::size_t step_count = 0;
    for (const auto& s : p.steps) step_count += dsl::windows(p, s, o.year, ignored).empty() ? 0 : 1;
    std::string sub =
        fmt::format("{} · {} {} · {} {} · {} {}", p.id, kind_text, cycle_text, step_count,
                    w.pick("steg", "steps"), arcs.size(), w.pick("bågar", "arcs"));
    if (o.today)
      sub += fmt::format(" · {} {}",
                         o.tasks ? w.pick("läget per", "state as of") : w.pick("datum", "date"),
                         dsl::iso(*o.today));
    put("<text x=\"{}\" y=\"{}\" font-size=\"18\" fill=\"#455a64\">{}</text>\n", num(kMargin),
        num(kMargin + 54), esc(fit(sub, width - 2 * kMargin, 18)));
  }

  // ---- Rings: background, band with the role's name ----------------------------------
  put("<g class=\"rings\">\n");
  for (std::size_t i = 0; i < rings.size(); ++i) {
    const auto& ring = rings[i];
    // With states the arcs' colours mean states, so the bands are grey, not the role's colour.
    const Colour c =
        o.tasks ? Colour{"#eceff1", "#455a64"} : kRoleColours[ring.role % std::size(kRoleColours)];
    double lanes1 = ring.outer;
    put("<path d=\"{}\" fill=\"{}\"/>\n", sector(g, ring.lanes0 - kLaneGap, lanes1, 0, 360),
        i % 2 ? "#f4f6f8" : "#fbfbfc");
    put("<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.8\"/>\n",
        sector(g, ring.band0, ring.band1, 0, 360), c.fill, c.stroke);
    // The name four times round the band, so every part of the ring has one near.
    const std::string& name = p.roles[ring.role].name;
    double rb_mid = (ring.band0 + ring.band1) / 2;
    for (int q = 0; q < 4; ++q) {
      double mid = 45 + 90 * q;
      bool flip = lower_half(mid);
      double rb = rb_mid + (flip ? 1 : -1) * kBandFont * 0.35;
      double span = 80;
      std::string shown = fit(name, rb * span * kPi / 180, kBandFont, true);
      put("<path id=\"band{}-{}\" d=\"{}\" fill=\"none\"/>", i, q,
          text_path(g, rb, mid - span / 2, mid + span / 2, flip));
      put("<text class=\"band\" data-role=\"{}\" fill=\"{}\" style=\"fill:{}\"><textPath "
          "xlink:href=\"#band{}-{}\" "
          "startOffset=\"50%\" text-anchor=\"middle\">{}</textPath></text>\n",
          esc(name), c.stroke, c.stroke, i, q, esc(shown));
    }
  }
  put("</g>\n");

  // ---- Months: grid lines through the rings, the month band -------------------------
  put("<g class=\"months\">\n");
  {
    int y = static_cast<int>(start.year());
    unsigned m = static_cast<unsigned>(start.month());
    for (int k = 0; k < 12; ++k) {
      dsl::Date first = ch::year(y) / ch::month(m) / 1;
      unsigned nm = m == 12 ? 1 : m + 1;
      int ny = m == 12 ? y + 1 : y;
      dsl::Date next = ch::year(ny) / ch::month(nm) / 1;
      double a0 = angle(first), a1 = angle(next);
      put("<path d=\"{}\" fill=\"{}\" stroke=\"#b0bec5\" stroke-width=\"0.8\"/>\n",
          sector(g, month0, month1, a0, a1), k % 2 ? "#f3f6f9" : "#e3eaf1");
      put("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
          num(g.x(hub, a0)), num(g.y(hub, a0)), num(g.x(month1, a0)), num(g.y(month1, a0)),
          k == 0 ? "#37474f" : "#c9d2da", k == 0 ? "2.5" : "1");
      double mid = (a0 + a1) / 2;
      bool flip = lower_half(mid);
      double rb = (month0 + month1) / 2 + (flip ? 1 : -1) * kMonthFont * 0.35;
      std::string name = month_name(static_cast<int>(m), o.lang);
      double room = rb * (a1 - a0) * kPi / 180 - 8;
      std::string shown = text_width(name, kMonthFont, true) <= room ? name : first_chars(name, 4);
      if (shown != name && shown.size() > 2) shown = encode(decode(name).substr(0, 3));
      put("<path id=\"month{}\" d=\"{}\" fill=\"none\"/>", k, text_path(g, rb, a0, a1, flip));
      put("<text class=\"month\" data-month=\"{}\"><textPath xlink:href=\"#month{}\" "
          "startOffset=\"50%\" "
          "text-anchor=\"middle\">{}</textPath></text>\n",
          m, k, esc(shown));
      // Year marks where a läsår crosses New Year: the month band says which year it is.
      if (k > 0 && m == 1) {
        put("<text x=\"{}\" y=\"{}\" font-size=\"14\" text-anchor=\"middle\" "
            "fill=\"#37474f\">{}</text>\n",
            num(g.x(month1 + 14, a0)), num(g.y(month1 + 14, a0) + 5), y);
      }
      m = nm;
      y = ny;
    }
    put("<text x=\"{}\" y=\"{}\" font-size=\"14\" text-anchor=\"middle\" "
        "fill=\"#37474f\">{}</text>\n",
        num(g.cx), num(g.cy - month1 - 6), cycle_text);
  }
  put("</g>\n");

  // ---- Arcs ------------------------------------------------------------------------
  put("<g class=\"arcs\">\n");
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    auto& a = arcs[i];
    const auto& s = p.steps[a.step];
    const auto& ring = rings[a.ring];
    auto [r0, r1] = lane_radii(ring, a.lane);
    Colour c = a.state ? state_colour(*a.state) : kRoleColours[ring.role % std::size(kRoleColours)];
    // The arc, inset a little at both ends so neighbours in a lane do not touch.
    double inset = std::min(degrees(kArcInset, r0), (a.a1 - a.a0) / 4);
    double d0 = a.a0 + inset, d1 = a.a1 - inset;
    std::string outside = a.w0 < -kEps ? "previous" : a.w1 > 360 + kEps ? "next" : "";
    put("<g class=\"arc\" data-step=\"{}\" data-role=\"{}\" data-ring=\"{}\" data-lane=\"{}\" "
        "data-occurrence=\"{}\" "
        "data-start=\"{}\" data-deadline=\"{}\" data-a0=\"{:.3f}\" data-a1=\"{:.3f}\" "
        "data-f0=\"{:.3f}\" "
        "data-f1=\"{:.3f}\" data-r0=\"{:.1f}\" data-r1=\"{:.1f}\"",
        esc(s.id), esc(p.roles[ring.role].name), a.ring, a.lane, a.occurrence,
        dsl::iso(a.window.start), dsl::iso(a.window.deadline), d0, d1, a.f0, a.f1, r0, r1);
    if (a.state) put(" data-state=\"{}\"", esc(engine::state_name(*a.state, dsl::Lang::en)));
    if (!outside.empty()) put(" data-outside=\"{}\"", outside);
    if (a.clamped) put(" data-clamped=\"1\"");
    put(">\n");

    // The tooltip: everything the rule says about the step.
    std::string tip = s.id;
    if (auto t = dsl::type_name(s.type, o.lang); !t.empty()) tip += " (" + t + ")";
    tip += fmt::format("\n{}: {}", w.pick("NÄR", "WHEN"), s.when.text);
    tip += fmt::format("\n{} {} {} {}", w.pick("Från", "From"), dsl::iso(a.window.start),
                       w.pick("senast", "due"), dsl::iso(a.window.deadline));
    if (a.window.moved_from)
      tip += fmt::format(" ({} {})", w.pick("flyttad från", "moved from"),
                         dsl::iso(*a.window.moved_from));
    if (!outside.empty())
      tip += outside == "next" ? w.pick(" — går in i nästa cykel", " — runs into the next cycle")
                               : w.pick(" — börjar före cykeln", " — starts before the cycle");
    std::string who;
    for (const auto& ref : s.roles)
      who += (who.empty() ? "" : ", ") + p.roles[ref.role].name +
             (ref.if_needed ? w.pick(" (vid behov)", " (if needed)") : "");
    tip += fmt::format("\n{}: {}", w.pick("VEM", "WHO"), who);
    tip += fmt::format("\n{}: {}", w.pick("VAD", "WHAT"), s.task);
    if (!s.deps.empty()) {
      std::string deps;
      for (const auto& d : s.deps) deps += (deps.empty() ? "" : ", ") + p.steps[d.step].id;
      tip += fmt::format("\n{}: {}", w.pick("EFTER", "AFTER"), deps);
    }
    if (s.condition)
      tip += fmt::format("\n{}: {} = {}", w.pick("OM", "IF"), p.steps[s.condition->step].id,
                         s.condition->outcome);
    if (a.state) {
      tip += fmt::format("\n{}: {}", w.pick("Läge", "State"), engine::state_name(*a.state, o.lang));
      if (a.total > 1)
        tip += fmt::format(" ({} {} {} {})", a.done, w.pick("av", "of"), a.total,
                           w.pick("klara", "done"));
    }
    put("<title>{}</title>\n", esc(tip));

    // The fill: the part inside the cycle solid; the parts outside wrapped and hatched.
    std::string dash = a.if_needed ? " stroke-dasharray=\"6 4\" fill-opacity=\"0.55\"" : "";
    if (a.state == engine::State::not_applicable) dash = " stroke-dasharray=\"3 3\"";
    put("<path class=\"fill\" d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.4\"{}/>\n",
        sector(g, r0, r1, d0, d1), c.fill, c.stroke, dash);
    double shift = a.a0 - a.u0;  // the wrap: drawn angle = cycle angle + shift
    auto hatch = [&](double v0, double v1) {
      double h0 = std::max(v0 + shift, d0), h1 = std::min(v1 + shift, d1);
      if (h1 - h0 > kEps)
        put("<path class=\"outside\" d=\"{}\" fill=\"url(#hatch)\" stroke=\"{}\" "
            "stroke-width=\"1.4\" "
            "stroke-dasharray=\"4 3\"/>\n",
            sector(g, r0, r1, h0, h1), c.stroke);
    };
    if (a.w1 > 360 + kEps) hatch(std::max(a.w0, 360.0), a.w1);
    if (a.w0 < -kEps) hatch(a.w0, std::min(a.w1, 0.0));

    // The label along the lane, centred on the stretch the arc takes, shortened to fit; an
    // arc round a third of the wheel or more has it once per third, so it is never far.
    int copies = std::max(1, static_cast<int>((a.f1 - a.f0) / 120 + kEps));
    double seg = (a.f1 - a.f0) / copies;
    for (int j = 0; j < copies; ++j) {
      double s0 = a.f0 + j * seg, s1 = s0 + seg;
      bool flip = lower_half((s0 + s1) / 2);
      double rm = (r0 + r1) / 2;
      double rb = rm + (flip ? 1 : -1) * kLabelFont * 0.35;
      double pad = kLabelFont * 0.4;
      double room =
          (rm - kLabelFont * 0.35) * (s1 - s0) * kPi / 180 - 2 * pad + 0.01;  // + rounding
      std::string label = fit(s.id, room, kLabelFont);
      if (label.empty()) continue;
      put("<path id=\"t{}-{}\" d=\"{}\" fill=\"none\"/>", i, j, text_path(g, rb, s0, s1, flip));
      put("<text class=\"label\" data-room=\"{:.1f}\"><textPath xlink:href=\"#t{}-{}\" "
          "startOffset=\"50%\" "
          "text-anchor=\"middle\">{}</textPath></text>\n",
          room, i, j, esc(label));
    }
    put("</g>\n");
  }
  put("</g>\n");

  // ---- Hub and hand ----------------------------------------------------------------
  put("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"#90a4ae\" "
      "stroke-width=\"1.5\"/>\n",
      num(g.cx), num(g.cy), num(hub));
  put("<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" "
      "fill=\"#263238\">{}</text>\n",
      num(g.cx), num(g.cy - 4), school ? 36 : 44, cycle_text);
  put("<text x=\"{}\" y=\"{}\" font-size=\"17\" text-anchor=\"middle\" "
      "fill=\"#455a64\">{}</text>\n",
      num(g.cx), num(g.cy + 22), kind_text);
  if (o.today) {
    double t = angle(*o.today);
    double ta = std::fmod(std::fmod(t, 360) + 360, 360);
    put("<text x=\"{}\" y=\"{}\" font-size=\"15\" text-anchor=\"middle\" fill=\"#c2185b\">{} "
        "{}</text>\n",
        num(g.cx), num(g.cy + 46), w.pick("i dag", "today"), dsl::iso(*o.today));
    put("<g class=\"hand\" data-angle=\"{:.3f}\"><title>{} {}</title>"
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c2185b\" stroke-width=\"3\" "
        "stroke-linecap=\"round\" "
        "stroke-opacity=\"0.75\"/>"
        "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"#c2185b\"/><circle cx=\"{}\" cy=\"{}\" r=\"5\" "
        "fill=\"#c2185b\"/></g>\n",
        ta, w.pick("i dag", "today"), dsl::iso(*o.today), num(g.x(hub, ta)), num(g.y(hub, ta)),
        num(g.x(outer, ta)), num(g.y(outer, ta)), num(g.x(outer, ta)), num(g.y(outer, ta)),
        num(g.x(hub, ta)), num(g.y(hub, ta)));
  }

  // ---- Legend ----------------------------------------------------------------------
  put("<g class=\"legend\" font-size=\"{}\">\n", num(legend_font));
  for (const auto& pl : placed) {
    const auto& e = legend[pl.entry];
    double sy = pl.y;
    if (e.hand) {
      put("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"3.5\" "
          "stroke-linecap=\"round\"/>",
          num(pl.x + 2), num(sy + 9), num(pl.x + swatch - 6), num(sy + 9), e.stroke);
      put("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/>", num(pl.x + swatch - 6), num(sy + 9),
          e.stroke);
    } else {
      put("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" rx=\"3\" fill=\"{}\" stroke=\"{}\" "
          "stroke-width=\"1.4\"{}/>",
          num(pl.x), num(sy), num(swatch), e.fill, e.stroke,
          e.dashed ? " stroke-dasharray=\"4 3\"" : "");
      if (e.hatched)
        put("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" rx=\"3\" fill=\"url(#hatch)\"/>",
            num(pl.x), num(sy), num(swatch));
    }
    put("<text x=\"{}\" y=\"{}\">{}</text>\n", num(pl.x + swatch + 8), num(sy + 15), esc(e.text));
  }
  for (std::size_t k = 0; k < hint_lines.size(); ++k)
    put("<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#607d8b\">{}</text>\n", num(kMargin),
        num(hint_y + 12 + k * hint_font * 1.4), num(hint_font), esc(hint_lines[k]));
  put("</g>\n</svg>\n");
  return std::move(put.out);
}

}  // namespace arshjul::pictures
