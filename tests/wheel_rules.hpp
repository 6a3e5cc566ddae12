#pragma once
// Rule texts the wheel's tests share (test_wheel.cpp through the binary, test_wheel_layout.cpp
// on the layout).

namespace arshjul::test {

inline constexpr const char* kSchoolYear =
    R"(# A läsår with steps over New Year and past the cycle's end.
process skolans_år "Skolans år"
  cykel läsår

roll Rektor per enhet
roll Lärare
roll Nämnd

steg uppstart
  NÄR   augusti
  VEM   Rektor & Lärare
  VAD   Läsåret börjar

steg samtal
  NÄR   oktober–november
  VEM   Lärare, Rektor (vid behov)
  VAD   Utvecklingssamtal

steg vinter
  NÄR   december–februari
  VEM   Rektor
  VAD   Över nyår, inom läsåret

steg betyg
  NÄR   juni
  VEM   Lärare
  VAD   Betygssättning

steg sommar
  NÄR   juli–september
  VEM   Nämnd
  VAD   Från juli in i nästa läsår

steg nästa_start
  NÄR   augusti nästa år
  VEM   Nämnd
  VAD   Nästa läsårs början

steg hela
  NÄR   under året
  VEM   Nämnd
  VAD   Hela läsåret
)";

}  // namespace arshjul::test
