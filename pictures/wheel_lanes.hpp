#pragma once
// The lanes of a ring of the wheel: arcs, with the room their labels need, packed into as few
// lanes as possible so that no two overlap (wheel_layout.cpp).
#include <utility>
#include <vector>

#include "pictures/wheel_layout.hpp"

namespace arshjul::pictures {

/// Radii of lane `lane` of `ring`: the arc's inner and outer edge.
std::pair<double, double> lane_radii(const WheelRing& ring, int lane);

/// Puts the arcs of `ring` into lanes (sets their `lane`, `f0` and `f1`) and `ring.lanes`,
/// from lane_radii's radii: tries two packings and keeps the one with fewer lanes.
void pack(WheelRing& ring, std::vector<WheelArc>& arcs);

}  // namespace arshjul::pictures
