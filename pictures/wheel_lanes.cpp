#include "pictures/wheel_lanes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "pictures/wheel_text.hpp"

namespace arshjul::pictures {
using namespace wheel_size;

namespace {

constexpr std::size_t kCapChars = 12;   // a short arc still reserves room for this many characters
constexpr std::size_t kWordChars = 18;  // and for its label's first word, up to this long

}  // namespace

std::pair<double, double> lane_radii(const WheelRing& ring, int lane) {
  double r0 = ring.lanes0 + lane * ring.lane;
  return {r0, r0 + ring.lane - kLaneGap};
}

std::vector<LabelWidths> label_widths(const std::vector<WheelArc>& arcs) {
  std::vector<LabelWidths> out;
  out.reserve(arcs.size());
  for (const auto& a : arcs) {
    std::string suffix = a.count.empty() ? "" : " " + a.count;
    std::string word = first_chars(first_word(a.label), kWordChars);
    out.push_back({text_width(a.label + suffix, kLabelFont),
                   std::max(text_width(word + "…" + suffix, kLabelFont),
                            text_width(first_chars(a.label, kCapChars), kLabelFont))});
  }
  return out;
}

namespace {

/// The stretch [f0, f1] an arc takes in a lane at radius `r` (its middle): the arc, or, when
/// its label needs more room than the arc has, as much more as its first word (at most
/// kWordChars characters) and its count ("29/30") take, at least kCapChars characters,
/// centred on the arc. f0 is brought into [0, 360).
void set_footprint(WheelArc& a, const LabelWidths& w, double r) {
  double pad = kLabelFont * 0.4;
  double need = degrees(w.whole + 2 * pad, r);
  double cap = degrees(w.least + 2 * pad, r);
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
int pack_lane_by_lane(const WheelRing& ring, std::vector<WheelArc>& arcs,
                      const std::vector<LabelWidths>& widths) {
  std::vector<std::size_t> left = ring.arcs;
  int lane = 0;
  while (!left.empty()) {
    auto [r0, r1] = lane_radii(ring, lane);
    for (auto i : left) set_footprint(arcs[i], widths[i], (r0 + r1) / 2 - kLabelFont * 0.35);
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
int pack_first_fit(const WheelRing& ring, std::vector<WheelArc>& arcs,
                   const std::vector<LabelWidths>& widths) {
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
      set_footprint(arcs[i], widths[i], (r0 + r1) / 2 - kLabelFont * 0.35);
      if (overlaps(taken[lane], arcs[i].f0, arcs[i].f1)) continue;
      arcs[i].lane = lane;
      for (auto pc : pieces(arcs[i].f0, arcs[i].f1)) taken[lane].push_back(pc);
      break;
    }
  }
  return static_cast<int>(taken.size());
}

}  // namespace

/// Packs the ring both ways and keeps the one with fewer lanes.
void pack(WheelRing& ring, std::vector<WheelArc>& arcs, const std::vector<LabelWidths>& widths) {
  int first_fit = pack_first_fit(ring, arcs, widths);
  std::vector<WheelArc> kept;
  for (auto i : ring.arcs) kept.push_back(arcs[i]);
  int by_lane = pack_lane_by_lane(ring, arcs, widths);
  if (first_fit < by_lane)
    for (std::size_t k = 0; k < ring.arcs.size(); ++k) arcs[ring.arcs[k]] = kept[k];
  ring.lanes = std::max(1, std::min(first_fit, by_lane));
}

}  // namespace arshjul::pictures
