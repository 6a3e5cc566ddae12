#pragma once
// The lanes of a ring of the wheel: arcs, with the room their labels need, packed into as few
// lanes as possible so that no two overlap (wheel_layout.cpp).
#include <utility>
#include <vector>

#include "pictures/wheel_layout.hpp"

namespace arshjul::pictures {

/// Radii of lane `lane` of `ring`: the arc's inner and outer edge.
std::pair<double, double> lane_radii(const WheelRing& ring, int lane);

/// The widths an arc's label needs along its lane: whole with its count, and cut to the least
/// it is cut to. Measured once per layout (the packings try each arc in lane after lane).
struct LabelWidths {
  double whole = 0, least = 0;
};
/// Of every arc, by its index in `arcs`.
std::vector<LabelWidths> label_widths(const std::vector<WheelArc>& arcs);

/// Puts the arcs of `ring` into lanes (sets their `lane`, `f0` and `f1`) and `ring.lanes`,
/// from lane_radii's radii: tries two packings and keeps the one with fewer lanes.
void pack(WheelRing& ring, std::vector<WheelArc>& arcs, const std::vector<LabelWidths>& widths);

}  // namespace arshjul::pictures
