// The audit's HTML report (issue 5): one self-contained file, every text from the rule
// file or the store escaped, and checked in headless Chromium (Debian's chromium): it
// renders, and a VAD text holding <script> shows as text and runs nothing.
//
// The report comes from the built binary: a rule file, a roster and a store in a temp dir,
// then `arshjul audit --format html`. The browser tests ([chromium]) fail without the
// browser; ctest reports them SKIPPED when /usr/bin/chromium is absent (tests/needs.sh);
// scripts/deps.sh installs it, so CI runs them.
// ARSHJUL_TEST_ARTIFACTS=<dir> keeps the screenshot (audit-html.png) there to look at.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "tests/browser.hpp"
#include "tests/helpers.hpp"

namespace fs = std::filesystem;
using namespace arshjul::test;

namespace {

// A VAD text and a process title that are HTML, and a unit name with '&'.
const std::string kVad = R"(Läs <script>document.title='HACKED'</script> & "citat")";
const std::string kTitle = "Läsårets <b>granskning</b> & uppföljning";
const std::string kUnit = "Ek- & Björkskolan";
const std::string kGoneUnit = "Gamla <i>skolan</i>";  // in the roster when recorded, not now

const std::string kRules = R"(process granskning ")" + kTitle + R"("
  cykel kalenderår

roll Rektor per enhet
roll Nämnd

steg läsa
  NÄR   februari
  VEM   Rektor
  VAD   )" + kVad + R"(
  TYP   aktivitet

steg besluta
  NÄR   mars
  VEM   Nämnd
  VAD   Nämnden beslutar om granskningen
  EFTER läsa
  TYP   beslut
)";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// The built binary with Swedish messages, run in `dir`; `args` are quoted one by one.
arshjul::test::CommandResult arshjul(const TempDir& dir, const std::vector<std::string>& args) {
  return arshjul::test::run_arshjul(dir.path(), args, dir.path() / "arshjul");
}

/// The audit of cycle 2026 as of 2026-06-30, as HTML in `dir`/audit.html. Recorded: läsa
/// for kUnit on 2026-03-10 (late: due Friday 27 February) and läsa for kGoneUnit, which
/// has left the roster since (an entry that matches no step). besluta is missing.
fs::path write_report(const TempDir& dir) {
  dir.write("regler.arshjul", kRules);
  auto then = dir.write("enheter-då.csv", "enhet,roll,namn,epost\n" + kUnit +
                                              ",Rektor,Anna A,anna@example.se\n" + kGoneUnit +
                                              ",Rektor,Bo B,bo@example.se\n");
  auto now = dir.write("enheter.csv",
                       "enhet,roll,namn,epost\n" + kUnit + ",Rektor,Anna A,anna@example.se\n");
  auto csv = dir.write("poster.csv",
                       "process,år,steg,enhet,datum,av,utfall,anteckning\n"
                       "granskning,2026,läsa," +
                           kUnit +
                           ",2026-03-10,Rektor,,\n"
                           "granskning,2026,läsa," +
                           kGoneUnit + ",2026-02-10,Rektor,,\n");
  auto imported = arshjul(dir, {"import", csv.string(), "--rules", "regler.arshjul", "--roster",
                                then.string(), "--store", "lager.db"});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  auto audit =
      arshjul(dir, {"audit", "--year", "2026", "--as-of", "2026-06-30", "--rules", "regler.arshjul",
                    "--roster", now.string(), "--store", "lager.db", "--format", "html"});
  INFO(audit.err);
  REQUIRE(audit.exit_code == 1);  // there are findings
  REQUIRE(audit.err.empty());
  return dir.write("audit.html", audit.out);
}

/// The names of every element in `html` (the word after each '<', without '/').
std::set<std::string> tag_names(const std::string& html) {
  std::set<std::string> names;
  for (auto i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
    auto j = i + 1;
    if (j < html.size() && html[j] == '/') ++j;
    auto k = j;
    while (k < html.size() && (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '!'))
      ++k;
    names.insert(lower(html.substr(j, k - j)));
  }
  return names;
}

std::string title_of(const std::string& dom) {
  auto a = dom.find("<title>"), b = dom.find("</title>");
  if (a == std::string::npos || b == std::string::npos || b < a) return "(no title)";
  return dom.substr(a + 7, b - a - 7);
}

std::string unique(const std::string& name) {
  return "audit-html-" + name + "-" + std::to_string(getpid());
}

}  // namespace

TEST_CASE("audit html: one self-contained file with every rule and store text escaped") {
  TempDir dir(unique("file"));
  const std::string html = slurp(write_report(dir));
  const std::string low = lower(html);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(html, "<meta charset=\"utf-8\">"));

  // Nothing outside the file: no addresses, no resources to fetch, no scripts at all.
  for (const char* external :
       {"http://", "https://", "src=", "href=", "url(", "@import", "<link", "<script", "<iframe",
        "<img", "<object", "<embed", "//cdn", "srcset"})
    CHECK_FALSE(contains(low, external));

  // The texts, escaped (the step is named by the start of its VAD).
  CHECK(contains(html, "<td data-l=\"Steg\">Läs &lt;script&gt;document"));
  CHECK(contains(html, "<th scope=\"row\">Ek- &amp; Björkskolan</th>"));
  CHECK(contains(html,
                 "Gamla &lt;i&gt;skolan&lt;/i&gt;"));  // in the list of entries that match no step
  CHECK_FALSE(contains(html, "HACKED'"));

  // Only the report's own elements: text that got through unescaped would add <script>, <b>, <i>.
  const std::set<std::string> allowed{"!doctype", "html",  "head",  "meta",  "title", "style",
                                      "body",     "main",  "h1",    "h2",    "h3",    "p",
                                      "div",      "table", "thead", "tbody", "tr",    "th",
                                      "td",       "br",    "ul",    "li",    "span"};
  for (const auto& name : tag_names(html)) {
    INFO("element <" << name << ">");
    CHECK(allowed.count(name) == 1);
  }
}

TEST_CASE(
    "audit html in headless Chromium: the <script> in a VAD text shows as text and never runs",
    "[chromium]") {
  TempDir dir(unique("dom"));
  Chromium chromium(dir.path());

  // The check can fail: in this set-up a page's own script does run and retitles the page.
  auto control =
      dir.write("control.html",
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>orörd</title></head>"
                "<body><p>x</p><script>document.title='HACKED'</script></body></html>");
  auto ran = chromium.dump_dom(control);
  INFO(ran.err);
  REQUIRE(ran.ok());
  REQUIRE(title_of(ran.out) == "HACKED");

  auto page = write_report(dir);
  auto dom = chromium.dump_dom(page);
  INFO("chromium exit " << dom.exit_code << (dom.timed_out() ? " (timed out)" : "") << "\n"
                        << dom.err);
  REQUIRE(dom.ok());
  INFO("DOM:\n" << dom.out);
  // --dump-dom serialises the DOM after load: had the VAD's script run, the title would say so.
  CHECK(title_of(dom.out) == "Granskning 2026");
  CHECK_FALSE(contains(lower(dom.out), "<script"));
  // The VAD text is a text node: serialised, its < > & are escaped again.
  CHECK(contains(dom.out, "<td data-l=\"Steg\">Läs &lt;script&gt;document"));
  CHECK_FALSE(contains(dom.out, "<b>"));
  CHECK_FALSE(contains(dom.out, "<i>"));

  // The report itself: heading, summary, a late row and a missing row, the unmatched entry.
  CHECK(contains(dom.out, "<h1>Granskning av cykel 2026 per 2026-06-30</h1>"));
  CHECK(
      contains(dom.out, "2 uppgifter att ha gjort: 0 i tid (0 %), 1 sena (50 %), 1 saknas (50 %)"));
  CHECK(contains(dom.out, "<tr class=\"late\"><td data-l=\"Enhet\">Ek- &amp; Björkskolan</td>"));
  CHECK(contains(dom.out, "<td data-l=\"Senast\" class=\"date\">2026-02-27</td>"));
  CHECK(contains(dom.out,
                 "sen: klar <span class=\"d\">2026-03-10</span>, 11 dagar efter "
                 "<span class=\"d\">2026-02-27</span>"));
  CHECK(contains(dom.out,
                 "<tr class=\"missing\"><td data-l=\"Enhet\"></td><td "
                 "data-l=\"Steg\">Nämnden beslutar om granskningen</td><td "
                 "data-l=\"Senast\" class=\"date\">2026-03-31</td>"));
  CHECK(contains(dom.out,
                 "<li>granskning/läsa (Gamla &lt;i&gt;skolan&lt;/i&gt;) <span "
                 "class=\"d\">2026-02-10</span> — enheten finns inte i enhetslistan"));
}

TEST_CASE("audit html in headless Chromium: the report renders (screenshot)", "[chromium]") {
  TempDir dir(unique("png"));
  Chromium chromium(dir.path());
  auto page = write_report(dir);
  auto png = dir.path() / "audit-html.png";
  auto shot = chromium.screenshot(page, png, 1200, 900);
  INFO("chromium exit " << shot.exit_code << (shot.timed_out() ? " (timed out)" : "") << "\n"
                        << shot.err);
  REQUIRE(shot.ok());
  REQUIRE(fs::exists(png));
  const std::string bytes = slurp(png);
  CHECK(arshjul::test::png_size(bytes) == std::pair{1200u, 900u});  // a PNG of the window's size
  // A blank page is about 5 KB and a lone heading about 13 KB; this report is about 70 KB.
  CHECK(bytes.size() > 30 * 1024);
  if (const char* keep = std::getenv("ARSHJUL_TEST_ARTIFACTS")) {
    fs::create_directories(keep);
    fs::copy_file(png, fs::path(keep) / "audit-html.png", fs::copy_options::overwrite_existing);
  }
}
