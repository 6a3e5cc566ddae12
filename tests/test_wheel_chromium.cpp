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
  // Every glyph's box as drawn (its advance along the path, from the cap height above the
  // baseline to the descent below, turned as the glyph is), 0.5 units in at each side; two
  // boxes of different texts (labels, role names) must not intersect, and a label's boxes
  // must lie within its lane and the stretch it was given (data-f0..f1), so no label is
  // drawn over another arc.
  var boxes = [], bgrid = {}, bcell = 40, intersecting = 0, overArcs = 0;
  function corners(t, k) {
    var fs = parseFloat(getComputedStyle(t).fontSize), a = t.getRotationOfChar(k) * Math.PI / 180;
    var p0 = t.getStartPositionOfChar(k), p1 = t.getEndPositionOfChar(k);
    var ux = Math.cos(a), uy = Math.sin(a), upx = Math.sin(a), upy = -Math.cos(a);
    var asc = 0.76 * fs - 0.5, desc = 0.24 * fs - 0.5;
    var x0 = p0.x + ux * 0.5, y0 = p0.y + uy * 0.5, x1 = p1.x - ux * 0.5, y1 = p1.y - uy * 0.5;
    return [[x0 + upx * asc, y0 + upy * asc], [x1 + upx * asc, y1 + upy * asc],
            [x1 - upx * desc, y1 - upy * desc], [x0 - upx * desc, y0 - upy * desc]];
  }
  function separated(p, q) {  // a separating axis among the edges' normals
    var polys = [p, q];
    for (var s = 0; s < 2; s++)
      for (var e = 0; e < 4; e++) {
        var a = polys[s][e], b = polys[s][(e + 1) % 4], nx = a[1] - b[1], ny = b[0] - a[0];
        var pmin = Infinity, pmax = -Infinity, qmin = Infinity, qmax = -Infinity;
        for (var v = 0; v < 4; v++) {
          var dp = p[v][0] * nx + p[v][1] * ny, dq = q[v][0] * nx + q[v][1] * ny;
          pmin = Math.min(pmin, dp); pmax = Math.max(pmax, dp); qmin = Math.min(qmin, dq); qmax = Math.max(qmax, dq);
        }
        if (pmax <= qmin || qmax <= pmin) return true;
      }
    return false;
  }
  function angleOf(x, y) { return (Math.atan2(x - cx, cy - y) * 180 / Math.PI + 360) % 360; }
  for (var i = 0; i < texts.length; i++) {
    var t = texts[i], tp = t.querySelector('textPath');
    if (!tp || !(t.closest('g.arc') || t.classList.contains('band'))) continue;
    var arc = t.closest('g.arc');
    for (var k = 0; k < t.getNumberOfChars(); k++) {
      if (tp.textContent.charAt(k) === ' ') continue;
      var c = corners(t, k);
      if (arc) {
        var r0 = +arc.getAttribute('data-r0'), r1 = +arc.getAttribute('data-r1');
        var f0 = +arc.getAttribute('data-f0'), span = +arc.getAttribute('data-f1') - f0;
        for (var v = 0; v < 4; v++) {
          var r = Math.hypot(c[v][0] - cx, c[v][1] - cy), d = (angleOf(c[v][0], c[v][1]) - f0 + 360) % 360;
          if (r < r0 - 0.5 || r > r1 + 0.5 || (d > span + 0.3 && d < 359.7)) {
            overArcs++;
            problems.push('over another arc: ' + tp.textContent + ' r=' + r.toFixed(1));
            break;
          }
        }
      }
      var cxs = c.map(function (p) { return p[0]; }), cys = c.map(function (p) { return p[1]; });
      var gx0 = Math.floor(Math.min.apply(null, cxs) / bcell), gx1 = Math.floor(Math.max.apply(null, cxs) / bcell);
      var gy0 = Math.floor(Math.min.apply(null, cys) / bcell), gy1 = Math.floor(Math.max.apply(null, cys) / bcell);
      var seen = {};
      for (var gx = gx0; gx <= gx1; gx++)
        for (var gy = gy0; gy <= gy1; gy++) {
          var list = bgrid[gx + ',' + gy] = bgrid[gx + ',' + gy] || [];
          for (var j = 0; j < list.length; j++) {
            var o = list[j];
            if (o.text === i || seen[o.id]) continue;
            seen[o.id] = true;
            if (!separated(c, o.c)) {
              intersecting++;
              problems.push('boxes intersect: ' + tp.textContent + ' / ' + o.what);
            }
          }
          list.push({ text: i, id: boxes.length, c: c, what: tp.textContent });
        }
      boxes.push(c);
    }
  }
  // Arcs of several units: the count ends each label and the strip shows the share done.
  var shareMissing = 0, arcsOfUnits = 0;
  var arcs = document.querySelectorAll('g.arc[data-total]');
  for (var i = 0; i < arcs.length; i++) {
    var a = arcs[i], count = a.getAttribute('data-done') + '/' + a.getAttribute('data-total');
    arcsOfUnits++;
    var ls = a.querySelectorAll('text.label');
    var ok = a.querySelector('path.share') && (+a.getAttribute('data-done') === 0) === !a.querySelector('path.share-done');
    for (var k = 0; k < ls.length; k++) ok = ok && ls[k].textContent.endsWith(count);
    if (!ok) { shareMissing++; problems.push('share not shown: ' + a.getAttribute('data-step')); }
  }
  // The text alternative: one line of <desc> per step and occurrence drawn.
  var lines = document.getElementById('wheel-desc').textContent.split('\n').slice(1);
  var drawn = {};
  var all = document.querySelectorAll('g.arc');
  for (var i = 0; i < all.length; i++) drawn[all[i].getAttribute('data-step') + '#' + all[i].getAttribute('data-occurrence')] = true;
  var listed = Object.keys(drawn).length === lines.length ? 1 : 0;
  if (!listed) problems.push('desc lists ' + lines.length + ' of ' + Object.keys(drawn).length);
  var d = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  d.setAttribute('id', 'measured');
  d.textContent = 'labels=' + labels + ' glyphs=' + glyphs + ' too_long=' + tooLong + ' outside=' + outside +
                  ' overlapping=' + overlapping + ' intersecting=' + intersecting + ' over_arcs=' + overArcs +
                  ' units_arcs=' + arcsOfUnits + ' share_missing=' + shareMissing + ' listed=' + listed +
                  ' items=' + lines.length + ' problems: ' + problems.slice(0, 5).join('; ');
  svg.appendChild(d);
})();
]]></script>
)js";

struct Measured {
  int labels = -1, glyphs = -1, too_long = -1, outside = -1, overlapping = -1;
  int intersecting = -1, over_arcs = -1, units_arcs = -1, share_missing = -1, listed = -1,
      items = -1;
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
      R"(labels=(\d+) glyphs=(\d+) too_long=(\d+) outside=(\d+) overlapping=(\d+) )"
      R"(intersecting=(\d+) over_arcs=(\d+) units_arcs=(\d+) share_missing=(\d+) listed=(\d+) )"
      R"(items=(\d+) problems:[^<]*)");
  std::smatch m;
  REQUIRE(std::regex_search(dom.out, m, result));
  auto n = [&](int i) { return std::stoi(m[i]); };
  return {n(1), n(2), n(3), n(4), n(5), n(6), n(7), n(8), n(9), n(10), n(11), m[0]};
}

/// What every wheel must show: each label fits its path and stays in its lane and its
/// stretch (over no other arc), no two texts' glyphs meet (centres or boxes), and <desc>
/// lists every step drawn.
void check_drawn(const Measured& m) {
  INFO(m.text);
  CHECK(m.too_long == 0);
  CHECK(m.outside == 0);
  CHECK(m.overlapping == 0);
  CHECK(m.intersecting == 0);
  CHECK(m.over_arcs == 0);
  CHECK(m.listed == 1);
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
  check_drawn(seed);

  // 200 steps (the läsår variant is laid out by the same code; its lanes are checked above).
  auto rules = dir.write("g200.arshjul", generated_rules(200));
  auto big = measure(chromium, dir, wheel(dir, rules, 2026, "g200.svg"), "g200-measure.svg");
  INFO(big.text);
  CHECK(big.labels > 300);
  CHECK(big.glyphs > 3000);
  check_drawn(big);
  CHECK(big.items >= 200);
}

TEST_CASE(
    "wheel in headless Chromium: with the example's record, no label box meets another label or "
    "a role name, per-unit arcs show their share, the text alternative lists every step",
    "[chromium]") {
  const std::string src = ARSHJUL_SOURCE_DIR;
  TempDir dir(unique("units"));
  auto store = (dir.path() / "exempel.db").string();
  Chromium chromium(dir.path());
  auto import = shell(
      dir, shell_quote(ARSHJUL_BINARY) + " import " + shell_quote(src + "/examples/records.csv") +
               " --rules " + shell_quote(src + "/rules") + " --roster " +
               shell_quote(src + "/examples/roster.csv") + " --store " + shell_quote(store));
  REQUIRE(import.exit_code == 0);
  for (const char* process : {"resultatuppfoljning", "styrning_och_uppfoljning"}) {
    INFO(process);
    std::string svg =
        wheel(dir, src + "/rules/" + process + ".arshjul", 2026, std::string(process) + ".svg",
              {"--store", store, "--date", "2026-10-15", "--roster", src + "/examples/roster.csv"});
    auto m = measure(chromium, dir, svg, std::string(process) + "-measure.svg");
    check_drawn(m);
    INFO(m.text);
    CHECK(m.units_arcs > 3);  // arcs of 30 units, some done, some late
    CHECK(m.share_missing == 0);
    // Never an id where a person reads: the labels are the steps' labels (the ids of these
    // rules all have an underscore, their labels none).
    static const std::regex label(R"re(<text class="label"[^>]*><textPath[^>]*>([^<]*)<)re");
    int labels = 0;
    for (std::sregex_iterator it(svg.begin(), svg.end(), label), end; it != end; ++it, ++labels) {
      INFO((*it)[1]);
      CHECK((*it)[1].str().find('_') == std::string::npos);
    }
    CHECK(labels > 20);
  }
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
