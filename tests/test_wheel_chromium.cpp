// arshjul wheel in headless Chromium (tests/browser.hpp): a screenshot of the seed 000 plan's
// wheel, and a copy of a wheel with a measuring script appended, which reports how every label
// is actually drawn: its length against the path it runs on, each glyph's distance from the
// centre against its lane, and any two glyphs of different texts on top of each other. The
// tests ([chromium]) fail without the browser; ctest reports them SKIPPED then.
// ARSHJUL_TEST_ARTIFACTS=<dir> keeps the screenshot (wheel.png: docs/wheel.png is one).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "tests/browser.hpp"
#include "tests/helpers.hpp"
#include "tests/wheel_svg.hpp"

namespace fs = std::filesystem;
using namespace arshjul::test;
using namespace arshjul::test::wheel_svg;

namespace {

/// Appended to a copy of a wheel: measures every text on a path as Chromium lays it out and
/// writes the counts into <desc id="measured">.
const char* kMeasure = R"js(<script><![CDATA[
(function () {
  var svg = document.documentElement;
  var cx = +svg.getAttribute('data-cx'), cy = +svg.getAttribute('data-cy');
  var texts = document.querySelectorAll('text');
  var labels = 0, glyphs = 0, tooLong = 0, outside = 0, overlapping = 0, problems = [];
  var grid = {}, cell = 10, near = 9;  // glyph centres closer than 9 units: on top of each other
  for (var i = 0; i < texts.length; i++) {
    var t = texts[i], tp = t.querySelector('textPath');
    if (!tp) continue;
    var ref = tp.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || tp.getAttribute('href');
    var path = document.getElementById(ref.slice(1));
    var arc = t.closest('g.arc');
    var len = t.getComputedTextLength(), room = path.getTotalLength();
    if (arc) labels++;
    if (len > room + 0.5) {
      tooLong++;
      problems.push('too long: ' + tp.textContent + ' ' + len.toFixed(1) + ' > ' + room.toFixed(1));
    }
    for (var k = 0; k < t.getNumberOfChars(); k++) {
      var e = t.getExtentOfChar(k), x = e.x + e.width / 2, y = e.y + e.height / 2;
      if (tp.textContent.charAt(k) === ' ') continue;
      glyphs++;
      if (arc) {
        var r = Math.hypot(x - cx, y - cy);
        if (r < +arc.getAttribute('data-r0') - 0.5 || r > +arc.getAttribute('data-r1') + 0.5) {
          outside++;
          problems.push('outside its lane: ' + tp.textContent + ' r=' + r.toFixed(1));
        }
      }
      var gx = Math.floor(x / cell), gy = Math.floor(y / cell);
      for (var dx = -1; dx <= 1; dx++)
        for (var dy = -1; dy <= 1; dy++) {
          var list = grid[(gx + dx) + ',' + (gy + dy)] || [];
          for (var j = 0; j < list.length; j++)
            if (list[j][2] !== i && Math.hypot(list[j][0] - x, list[j][1] - y) < near) {
              overlapping++;
              problems.push('overlap: ' + tp.textContent + ' / ' + list[j][3]);
            }
        }
      (grid[gx + ',' + gy] = grid[gx + ',' + gy] || []).push([x, y, i, tp.textContent]);
    }
  }
  var d = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  d.setAttribute('id', 'measured');
  d.textContent = 'labels=' + labels + ' glyphs=' + glyphs + ' too_long=' + tooLong + ' outside=' + outside +
                  ' overlapping=' + overlapping + ' problems: ' + problems.slice(0, 5).join('; ');
  svg.appendChild(d);
})();
]]></script>
)js";

struct Measured {
  int labels = -1, glyphs = -1, too_long = -1, outside = -1, overlapping = -1;
  std::string text;
};

Measured measure(const Chromium& chromium, const TempDir& dir, const std::string& svg,
                 const std::string& name) {
  std::string copy = svg;
  copy.insert(copy.rfind("</svg>"), kMeasure);
  auto page = dir.write(name, copy);
  auto dom = chromium.dump_dom(page);
  INFO("chromium exit " << dom.exit_code << (dom.timed_out() ? " (timed out)" : "") << "\n"
                        << dom.err);
  REQUIRE(dom.ok());
  static const std::regex result(
      R"(labels=(\d+) glyphs=(\d+) too_long=(\d+) outside=(\d+) overlapping=(\d+) problems:[^<]*)");
  std::smatch m;
  REQUIRE(std::regex_search(dom.out, m, result));
  return {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]),
          std::stoi(m[4]), std::stoi(m[5]), m[0]};
}

}  // namespace

TEST_CASE(
    "wheel in headless Chromium: every label fits its path, sits in its lane and touches no "
    "other",
    "[chromium]") {
  TempDir dir(unique("measure"));
  Chromium chromium(dir.path());

  auto seed = measure(chromium, dir, wheel(dir, kSeed000, 2026, "seed.svg"), "seed-measure.svg");
  INFO(seed.text);
  CHECK(seed.labels >= 18);
  CHECK(seed.glyphs > 300);
  CHECK(seed.too_long == 0);
  CHECK(seed.outside == 0);
  CHECK(seed.overlapping == 0);

  // 200 steps (the läsår variant is laid out by the same code; its lanes are checked above).
  auto rules = dir.write("g200.arshjul", generated_rules(200));
  auto big = measure(chromium, dir, wheel(dir, rules, 2026, "g200.svg"), "g200-measure.svg");
  INFO(big.text);
  CHECK(big.labels > 300);
  CHECK(big.glyphs > 3000);
  CHECK(big.too_long == 0);
  CHECK(big.outside == 0);
  CHECK(big.overlapping == 0);
}

TEST_CASE("wheel in headless Chromium: the seed 000 plan's wheel renders (screenshot)",
          "[chromium]") {
  TempDir dir(unique("png"));
  Chromium chromium(dir.path());
  std::string svg = wheel(dir, kSeed000, 2026, "wheel.svg", {"--date", "2026-10-15"});
  // The window takes the picture's proportions, so the whole wheel and legend are in it.
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex(R"re(viewBox="0 0 ([\d.]+) ([\d.]+)")re")));
  const int width = 1200,
            height = static_cast<int>(std::lround(width * std::stod(m[2]) / std::stod(m[1])));
  auto png = dir.path() / "wheel.png";
  auto shot = chromium.screenshot(dir.path() / "wheel.svg", png, width, height);
  INFO("chromium exit " << shot.exit_code << (shot.timed_out() ? " (timed out)" : "") << "\n"
                        << shot.err);
  REQUIRE(shot.ok());
  REQUIRE(fs::exists(png));
  const std::string bytes = slurp(png);
  CHECK(arshjul::test::png_size(bytes) ==
        std::pair{static_cast<unsigned>(width),
                  static_cast<unsigned>(height)});  // a PNG of the window's size
  // A blank page is about 5 KB; this wheel is about 450 KB.
  CHECK(bytes.size() > 30 * 1024);
  if (const char* keep = std::getenv("ARSHJUL_TEST_ARTIFACTS")) {
    fs::create_directories(keep);
    fs::copy_file(png, fs::path(keep) / "wheel.png", fs::copy_options::overwrite_existing);
  }
}
