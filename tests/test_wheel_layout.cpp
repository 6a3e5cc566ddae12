// The wheel's layout (pictures/wheel_layout.hpp) checked as data, without SVG: arcs' angles
// against their windows' dates, lanes without overlap, per-unit aggregation of states, the
// month band from the cycle's start, a legend of exactly the states present.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "pictures/wheel_layout.hpp"
#include "pictures/wheel_text.hpp"
#include "tests/helpers.hpp"
#include "tests/wheel_rules.hpp"

using namespace arshjul;
namespace ch = std::chrono;

namespace {

using test::kSchoolYear;

dsl::Process compile(const char* text, int year) {
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(text, year, errors);
  REQUIRE(errors.empty());
  REQUIRE(p.has_value());
  return std::move(*p);
}

double days_between(dsl::Date a, dsl::Date b) {
  return static_cast<double>((ch::sys_days(b) - ch::sys_days(a)).count());
}

dsl::Date next_day(dsl::Date d) {
  return dsl::Date(ch::sys_days(d) + ch::days(1));
}

const pictures::WheelArc& arc_of(const pictures::WheelLayout& l, const dsl::Process& p,
                                 const std::string& step, std::size_t role) {
  for (const auto& a : l.arcs)
    if (p.steps[a.step].id == step && l.rings[a.ring].role == role) return a;
  FAIL("no arc of " << step);
  throw;
}

}  // namespace

TEST_CASE("wheel layout: every arc's angles are its window's dates on a läsår") {
  const auto p = compile(kSchoolYear, 2026);
  pictures::WheelOptions o;
  o.year = 2026;
  const auto l = pictures::layout_wheel(p, o);
  const dsl::Date start = dsl::cycle_start(p.cycle, 2026);
  const double turn = days_between(start, dsl::cycle_start(p.cycle, 2027));
  REQUIRE(turn == 365);
  for (const auto& a : l.arcs) {
    INFO(p.steps[a.step].id);
    double w0 = days_between(start, a.window.start) * 360 / turn;
    double w1 = days_between(start, next_day(a.window.deadline)) * 360 / turn;
    CHECK(a.w0 == Approx(w0));
    CHECK(a.w1 == Approx(w1));
    CHECK(a.a0 >= 0);
    CHECK(a.a0 < 360);
    CHECK(a.a1 > a.a0);
    CHECK(a.d0 > a.a0);  // inset at both ends
    CHECK(a.d1 < a.a1);
  }
  // One arc per window and role: uppstart and samtal in two rings each.
  CHECK(l.arcs.size() == 9);
  CHECK(l.windows_total == 7);
  // uppstart: August, the first month of the läsår, from the top.
  const auto& up = arc_of(l, p, "uppstart", 0);
  CHECK(up.a0 == Approx(0));
  CHECK(up.a1 == Approx(31 * 360.0 / 365));
  // sommar runs from July into the next läsår: wrapped onto July-September, the part after
  // the cycle's end hatched.
  const auto& summer = arc_of(l, p, "sommar", 2);
  CHECK(summer.outside == "next");
  CHECK(summer.w1 > 360);
  REQUIRE(summer.hatched.size() == 1);
  CHECK(summer.hatched[0].first == Approx(360.0).margin(1e-9));
  // under året takes (nearly) the whole turn: to the last day of the läsår's window.
  const auto& whole = arc_of(l, p, "hela", 2);
  CHECK(whole.a1 - whole.a0 > 350);
  CHECK(whole.outside.empty());
}

TEST_CASE("wheel layout: rings inside out, lanes without overlap") {
  const auto p = compile(kSchoolYear, 2026);
  pictures::WheelOptions o;
  o.year = 2026;
  const auto l = pictures::layout_wheel(p, o);
  // Rings from the inside out: the last role declared innermost.
  REQUIRE(l.rings.size() == 3);
  CHECK(l.rings[0].name == "Nämnd");
  CHECK(l.rings[2].name == "Rektor");
  for (std::size_t i = 0; i + 1 < l.rings.size(); ++i)
    CHECK(l.rings[i].outer < l.rings[i + 1].band0);
  CHECK(l.rings.back().outer <= l.month0);
  CHECK(l.hub < l.rings.front().band0);
  for (std::size_t i = 0; i < l.arcs.size(); ++i) {
    const auto& a = l.arcs[i];
    const auto& ring = l.rings[a.ring];
    CHECK(a.lane >= 0);
    CHECK(a.lane < ring.lanes);
    CHECK(a.r0 >= ring.lanes0);
    CHECK(a.r1 <= ring.outer);
    CHECK(a.f1 - a.f0 >= a.a1 - a.a0 - 1e-9);  // the stretch taken covers the arc
    for (std::size_t j = i + 1; j < l.arcs.size(); ++j) {
      const auto& b = l.arcs[j];
      if (b.ring != a.ring || b.lane != a.lane) continue;
      // Stretches on a circle: compare each against the other shifted by whole turns.
      for (double shift : {-360.0, 0.0, 360.0}) {
        INFO(p.steps[a.step].id << " and " << p.steps[b.step].id);
        CHECK_FALSE((a.f0 < b.f1 + shift - 1e-9 && b.f0 + shift < a.f1 - 1e-9));
      }
    }
  }
  // A whole turn leaves no room: `hela` has a lane of its own.
  const auto& whole = arc_of(l, p, "hela", 2);
  for (const auto& a : l.arcs)
    if (&a != &whole && a.ring == whole.ring) CHECK(a.lane != whole.lane);
}

TEST_CASE("wheel layout: months from the cycle's start, named in the language asked for") {
  const auto p = compile(kSchoolYear, 2026);
  pictures::WheelOptions o;
  o.year = 2026;
  o.lang = dsl::Lang::en;
  const auto l = pictures::layout_wheel(p, o);
  REQUIRE(l.months.size() == 12);
  CHECK(l.months[0].month == 8);
  CHECK(l.months[0].year == 2026);
  CHECK(l.months[0].a0 == Approx(0));
  CHECK(l.months[0].name.text == "August");
  CHECK(l.months[5].month == 1);
  CHECK(l.months[5].year == 2027);
  CHECK(l.months[5].year_mark);
  CHECK(l.months[11].a1 == Approx(360));
  for (std::size_t k = 0; k + 1 < 12; ++k) CHECK(l.months[k].a1 == l.months[k + 1].a0);
  CHECK(l.cycle_text == "2026/27");
  CHECK(l.kind_text == "school year");
  CHECK_FALSE(l.hand.has_value());
}

TEST_CASE("wheel layout: a per-unit arc's state is the worst of its units', with counts") {
  const auto p = compile(kSchoolYear, 2026);
  std::size_t up = *p.find_step("uppstart");
  std::vector<engine::Task> tasks;
  auto task = [&](std::string unit, engine::State state) {
    engine::Task t;
    t.process = 0;
    t.cycle = 2026;
    t.step = up;
    t.unit = std::move(unit);
    t.state = state;
    tasks.push_back(t);
  };
  task("Ekbacken", engine::State::done);
  task("Björkbacken", engine::State::overdue);
  task("Tallbacken", engine::State::done_late);
  task("Granbacken", engine::State::not_applicable);
  pictures::WheelOptions o;
  o.year = 2026;
  o.tasks = &tasks;
  o.today = dsl::Date(ch::year(2026) / 9 / 15);
  const auto l = pictures::layout_wheel(p, o);
  CHECK(l.state_colours);
  for (const auto& a : l.arcs) {
    if (a.step != up) {
      CHECK_FALSE(a.state.has_value());
      continue;
    }
    REQUIRE(a.state.has_value());
    CHECK(*a.state == engine::State::overdue);
    CHECK(a.total == 3);  // not_applicable does not count
    CHECK(a.done == 2);
    CHECK(a.tooltip.find("2 av 3 klara") != std::string::npos);
    // The share shows on the arc: the count ends every label; the state by pattern as well.
    CHECK(a.count == "2/3");
    CHECK(a.pattern == "p-overdue");
    for (const auto& label : a.labels) CHECK(label.path.text.ends_with(" 2/3"));
  }
  // The text alternative: the step once per occurrence, however many rings draw it.
  std::size_t listed = 0;
  for (const auto& item : l.items)
    if (item.step == up) {
      ++listed;
      CHECK(item.done == 2);
      CHECK(item.total == 3);
    }
  CHECK(listed == 1);
  CHECK(l.description.find("2 av 3 klara") != std::string::npos);
  // The legend: exactly the one state present, the hatching (sommar), `vid behov` (samtal)
  // and the hand.
  std::vector<std::string> texts;
  for (const auto& e : l.legend) texts.push_back(e.text);
  CHECK(texts == std::vector<std::string>{engine::state_name(engine::State::overdue, dsl::Lang::sv),
                                          "utanför cykeln, t.ex. nästa läsår (2027/28)",
                                          "vid behov", "i dag"});
  REQUIRE(l.hand.has_value());
  const double turn = 365;
  CHECK(*l.hand == Approx((31 + 14) * 360 / turn));
}

TEST_CASE("wheel layout: a tally moved by each change of state draws the wheel the tasks draw") {
  const auto p = compile(kSchoolYear, 2026);
  // Every step in five units, then 300 changes of state at random; after each the tally the
  // changes moved draws what the tasks themselves draw (states, counts, labels, legend).
  std::vector<engine::Task> tasks;
  for (std::size_t step = 0; step < p.steps.size(); ++step)
    for (int u = 0; u < 5; ++u) {
      engine::Task t;
      t.process = 0;
      t.cycle = 2026;
      t.step = step;
      t.unit = "enhet" + std::to_string(u);
      t.state = engine::State::upcoming;
      tasks.push_back(t);
    }
  engine::Task other = tasks.front();  // another cycle's task: counted in neither
  other.cycle = 2025;
  tasks.push_back(other);
  pictures::StateTally tally(tasks, 0, 2026);
  pictures::WheelOptions o;
  o.year = 2026;
  o.tasks = &tasks;
  o.today = dsl::Date(ch::year(2026) / 9 / 15);
  std::mt19937 random(20261130);
  auto summary = [](const pictures::WheelLayout& l) {
    std::vector<std::string> out;
    for (const auto& a : l.arcs)
      out.push_back(fmt::format("{} {} {} {}/{} {} {}", a.step, a.occurrence,
                                a.state ? static_cast<int>(*a.state) : -1, a.done, a.total, a.lane,
                                a.labels.empty() ? "" : a.labels.front().path.text));
    for (const auto& e : l.legend) out.push_back(e.text);
    return out;
  };
  for (int change = 0; change < 300; ++change) {
    auto& t = tasks[random() % (tasks.size() - 1)];
    tally.add(t, -1);
    t.state = static_cast<engine::State>(random() % pictures::StateTally::kStates);
    tally.add(t, 1);
    if (change % 30 != 29) continue;
    o.tally = nullptr;
    const auto counted = summary(pictures::layout_wheel(p, o));
    o.tally = &tally;
    REQUIRE(summary(pictures::layout_wheel(p, o)) == counted);
  }
}

TEST_CASE("wheel layout: without tasks the legend names the roles, outermost first") {
  const auto p = compile(kSchoolYear, 2026);
  pictures::WheelOptions o;
  o.year = 2026;
  const auto l = pictures::layout_wheel(p, o);
  CHECK_FALSE(l.state_colours);
  std::vector<std::string> texts;
  for (const auto& e : l.legend) texts.push_back(e.text);
  CHECK(texts == std::vector<std::string>{"Rektor", "Lärare", "Nämnd",
                                          "utanför cykeln, t.ex. nästa läsår (2027/28)",
                                          "vid behov"});
  // Legend entries in rows inside the page, the hint below them.
  for (const auto& e : l.legend) {
    CHECK(e.x >= pictures::wheel_size::kMargin);
    CHECK(e.x < l.width);
    CHECK(e.y > l.cy + l.outer);
    CHECK(e.y < l.hint_y);
  }
  CHECK_FALSE(l.hint_lines.empty());
  CHECK(l.height > l.hint_y);
}

TEST_CASE("wheel layout: only one role's ring when asked") {
  const auto p = compile(kSchoolYear, 2026);
  pictures::WheelOptions o;
  o.year = 2026;
  o.only_role = *p.find_role("Lärare");
  const auto l = pictures::layout_wheel(p, o);
  REQUIRE(l.rings.size() == 1);
  CHECK(l.rings[0].name == "Lärare");
  std::set<std::string> steps;
  for (const auto& a : l.arcs) steps.insert(p.steps[a.step].id);
  CHECK(steps == std::set<std::string>{"uppstart", "samtal", "betyg"});
  CHECK(l.windows_total == 3);
}

TEST_CASE("wheel text: labels are cut after a whole word, never inside one that fits") {
  const std::string text = "Förvaltningschef presenterar årets resultat";
  const double size = 15;
  auto width = [&](const std::string& t) { return pictures::text_width(t, size); };
  CHECK(pictures::fit_words(text, width(text), size) == text);
  CHECK(pictures::fit_words(text, width(text) - 1, size) == "Förvaltningschef presenterar årets…");
  CHECK(pictures::fit_words(text, width("Förvaltningschef presenterar…") + 1, size) ==
        "Förvaltningschef presenterar…");
  CHECK(pictures::fit_words(text, width("Förvaltningschef…"), size) == "Förvaltningschef…");
  // Not even the first word: its start (at least three characters), else nothing.
  CHECK(pictures::fit_words(text, width("Förvaltn…"), size) == "Förvaltn…");
  CHECK(pictures::fit_words(text, width("Fö…"), size).empty());
  CHECK(pictures::first_word(text) == "Förvaltningschef");
}
