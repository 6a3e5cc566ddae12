// present/: the one HTML writer escapes whatever text goes in, takes HTML only when asked, and
// the audit's findings are data whose kind decides what counts as a finding.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "dsl/text.hpp"
#include "engine/audit.hpp"
#include "present/document.hpp"
#include "present/html.hpp"
#include "present/report.hpp"
#include "present/texts.hpp"
#include "tests/helpers.hpp"

using arshjul::present::escape_html;
using arshjul::present::Html;
namespace engine = arshjul::engine;
namespace present = arshjul::present;

TEST_CASE("escape_html escapes the five characters and keeps other text") {
  CHECK(escape_html(R"(<a href="x">Tom & Jerry's</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(escape_html("Förvaltningschef – läsår ≥ 3") == "Förvaltningschef – läsår ≥ 3");
  CHECK(escape_html("") == "");
}

TEST_CASE("escape_html turns invalid UTF-8 into U+FFFD and control characters into spaces") {
  CHECK(escape_html("a\xff"
                    "b") ==
        "a\xEF\xBF\xBD"
        "b");                                    // a stray byte
  CHECK(escape_html("\xC3") == "\xEF\xBF\xBD");  // a cut-off sequence
  CHECK(escape_html("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(escape_html(std::string("a\0b\x01"
                                "c",
                                5)) == "a b c");
  CHECK(escape_html("tab\tand\nnewline") == "tab\tand\nnewline");
}

TEST_CASE("escape_html of any bytes is the escape of each code point in turn") {
  // Plain ASCII is copied in runs, other bytes decoded: whatever the mix, the result must be
  // what escaping the code points one by one gives (the cases above fix those).
  std::mt19937 random(7);
  const std::vector<std::string> pieces = {
      "a",    "Zz 9", "&",    "<",    ">",    "\"", "'", "\t",
      "\n",   "\x01", "\x7f", "\xc3", "\xa5", "å",  "–", "\xf0\x9f\x98\x80",
      "\xff", " "};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int n = random() % 12; n > 0; --n) text += pieces[random() % pieces.size()];
    std::string expected;
    for (char32_t c : arshjul::dsl::utf8_decode(text))
      expected += escape_html(arshjul::dsl::utf8_encode(std::u32string(1, c)));
    INFO(text);
    REQUIRE(escape_html(text) == expected);
  }
}

TEST_CASE("Html writes text unchanged only where escape_html would, whatever the bytes") {
  // Html::text and Html::format copy the start escape_html keeps (plain_prefix) without
  // escaping it: every sequence of one to three bytes (each lead byte with every second and
  // third byte, around plain text) must come out as escape_html writes it.
  auto same = [](const std::string& text) {
    Html t, f;
    t.text(text);
    f.format("{}", text);
    return t.str() == escape_html(text) && f.str() == t.str() &&
           arshjul::present::plain_prefix(text) <= text.size();
  };
  int wrong = 0;
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) {
      std::string two{static_cast<char>(a), static_cast<char>(b)};
      if (!same("x" + two) || !same(two + "y")) ++wrong;
      if (a < 0xE0 || a > 0xEF || (b & 0xC0) != 0x80) continue;
      for (int c = 0; c < 256; ++c)
        if (!same(two + static_cast<char>(c)) || !same("&" + two + static_cast<char>(c) + "<"))
          ++wrong;
    }
  CHECK(wrong == 0);
  CHECK(arshjul::present::plain_prefix("Läsår – klart") == std::string("Läsår – klart").size());
  CHECK(arshjul::present::plain_prefix("ab&c") == 2);
  CHECK(arshjul::present::plain_prefix("a\xEF\xBF\xBE") == 1);  // U+FFFE: not kept
}

TEST_CASE("Html::format escapes every string argument, in text and in attributes") {
  Html h;
  h.format("<td class=\"{}\">{}</td>", "x\" onclick=\"alert(1)", std::string("<script>"));
  CHECK(h.str() == "<td class=\"x&quot; onclick=&quot;alert(1)\">&lt;script&gt;</td>");
  Html n;
  n.format("<p>{} of {} ({:.1f})</p>", 3, std::size_t{4}, 2.5);
  CHECK(n.str() == "<p>3 of 4 (2.5)</p>");
  Html v;
  std::string_view sv = "a&b";
  const char* c = "'q'";
  v.format("{}{}", sv, c);
  v.format("{}", '<');
  CHECK(v.str() == "a&amp;b&#39;q&#39;&lt;");
}

TEST_CASE("Html takes HTML as it is only through raw, trusted, or another Html") {
  Html inner;
  inner.format("<b>{}</b>", "<i>");
  Html h;
  h.raw("<svg/>").text("<svg/>");
  h.format("<p>{}|{}|{}</p>", inner, Html::trusted("<br>"), "<br>");
  CHECK(h.str() == "<svg/>&lt;svg/&gt;<p><b>&lt;i&gt;</b>|<br>|&lt;br&gt;</p>");
  Html sum;
  sum += inner;
  CHECK(sum.str() == inner.str());
  CHECK(sum.take() == "<b>&lt;i&gt;</b>");
  CHECK(sum.empty());
}

TEST_CASE("a document's HTML escapes its title, headings, cells and row classes") {
  present::Document doc;
  doc.title = "Plan <2019>";
  doc.heading(1, "Mål & syfte");
  auto& t = doc.table({"A\"", "B"});
  t.rows.push_back({"<x>", "y"});
  t.row_classes.push_back("warn\"");
  std::ostringstream os;
  present::render_html(os, doc);
  auto html = os.str();
  CHECK(html.find("<title>Plan &lt;2019&gt;</title>") != std::string::npos);
  CHECK(html.find("<h2>Mål &amp; syfte</h2>") != std::string::npos);
  CHECK(html.find("<th scope=\"col\">A&quot;</th>") != std::string::npos);
  CHECK(html.find("<tr class=\"warn&quot;\"><td data-l=\"A&quot;\">&lt;x&gt;</td><td "
                  "data-l=\"B\">y</td></tr>") != std::string::npos);
  CHECK(html.find("<x>") == std::string::npos);
}

TEST_CASE("the kinds that are findings decide the audit's exit code") {
  using K = engine::FindingKind;
  CHECK(engine::is_finding(K::late));
  CHECK(engine::is_finding(K::missing));
  CHECK(engine::is_finding(K::out_of_order));
  CHECK(engine::is_finding(K::wrong_role));
  CHECK_FALSE(engine::is_finding(K::on_time));
  CHECK_FALSE(engine::is_finding(K::pending));
  CHECK_FALSE(engine::is_finding(K::not_applicable));
  CHECK_FALSE(engine::is_finding(K::corrected));
  CHECK(std::string(present::finding_key(K::out_of_order)) == "out_of_order");
  CHECK(std::string(present::finding_key(K::not_applicable)) == "not_applicable");
}

TEST_CASE("a task's findings: its outcome first, then order, role and correction") {
  engine::AuditTask t;
  t.outcome = engine::Outcome::on_time;
  auto fs = engine::findings(t);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].kind == engine::FindingKind::on_time);
  CHECK(engine::headline(fs) == engine::FindingKind::on_time);

  t.out_of_order.push_back({0, "Ekbacken", std::nullopt});
  t.wrong_role = true;
  t.corrected_from = arshjul::dsl::Date{std::chrono::year(2026) / 3 / 1};
  fs = engine::findings(t);
  REQUIRE(fs.size() == 4);
  CHECK(fs[1].kind == engine::FindingKind::out_of_order);
  CHECK(fs[1].order == &t.out_of_order[0]);
  CHECK(fs[2].kind == engine::FindingKind::wrong_role);
  CHECK(fs[3].kind == engine::FindingKind::corrected);
  // Shown as the last kind that is a finding, not as the correction after it.
  CHECK(engine::headline(fs) == engine::FindingKind::wrong_role);

  engine::AuditTask missing;
  missing.outcome = engine::Outcome::missing;
  CHECK(engine::findings(missing)[0].kind == engine::FindingKind::missing);
  engine::AuditTask na;
  na.outcome = engine::Outcome::not_applicable;
  CHECK(engine::findings(na)[0].kind == engine::FindingKind::not_applicable);
}

namespace {
/// The one process of rule text `text` (which must compile for 2026) and its report page for
/// 2026 with the wheel `svg`.
std::pair<arshjul::dsl::Process, std::string> report_of(const std::string& text,
                                                        const std::string& svg = "") {
  std::vector<arshjul::dsl::Diagnostic> errors;
  auto p = arshjul::test::compile_text(text, 2026, errors);
  REQUIRE(errors.empty());
  REQUIRE(p);
  present::ReportPage page;
  page.process = &*p;
  page.year = 2026;
  page.wheel_svg = svg;
  auto html = present::report_html(page);
  return {std::move(*p), html};
}
}  // namespace

TEST_CASE("the report page escapes rule text and inlines only the wheel as it is") {
  auto [process, html] = report_of(
      "process p \"Plan <b>&</b>\"\nroll Rektor\nsteg s1\n  NÄR mars\n  VEM Rektor (vid behov)\n"
      "  VAD Läs <script>x()</script> & \"citat\"\n",
      "<svg id=\"w\"><text>ok</text></svg>");
  const auto* p = &process;
  CHECK(html.find("<title>Plan &lt;b&gt;&amp;&lt;/b&gt; 2026</title>") != std::string::npos);
  CHECK(html.find("<figure class=\"wheel\"><svg id=\"w\"><text>ok</text></svg></figure>") !=
        std::string::npos);
  CHECK(html.find("Läs &lt;script&gt;x()&lt;/script&gt; &amp; &quot;citat&quot;") !=
        std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("Rektor (vid behov)") != std::string::npos);
  // Without LÄNK, no link.
  CHECK(html.find("class=\"link\"") == std::string::npos);
  // Without tasks: no status per role, no urgent list.
  CHECK(html.find("Läge per roll") == std::string::npos);
  CHECK(present::roles_text(*p, p->steps[0], arshjul::dsl::Lang::en) == "Rektor (if needed)");
}

TEST_CASE("the report page shows a step's LÄNK as a link beside its text, escaped") {
  auto [p, html] = report_of(
      "process p\nroll Rektor\nsteg s1\n  NÄR mars\n  VEM Rektor\n  VAD Läs planen\n"
      "  LÄNK https://ex.se/plan?a=1&b=2#\"><b>x</b>\n");
  CHECK(p.steps[0].link == "https://ex.se/plan?a=1&b=2#\"><b>x</b>");
  const std::string link = "https://ex.se/plan?a=1&amp;b=2#&quot;&gt;&lt;b&gt;x&lt;/b&gt;";
  CHECK(html.find("Läs planen <a class=\"link\" href=\"" + link + "\">" + link + "</a>") !=
        std::string::npos);
  CHECK(html.find("<b>x</b>") == std::string::npos);
  CHECK(present::link_html(p.steps[0]).str() ==
        "<a class=\"link\" href=\"" + link + "\">" + link + "</a>");
}
