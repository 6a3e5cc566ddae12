#include "bench/rulegen.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace arshjul::bench {
namespace {

// Days are counted from 1 January of the cycle year (0) and may run into the next year
// (365+). A step's window is known only within bounds, because leap years and the weekday
// of 1 January move it: [start_min, start_max] and [deadline_min, ...]. A dependency is
// safe when the step depended on starts at the latest (start_max) no later than the
// dependent step's deadline at the earliest (deadline_min).
struct Window {
  int start_min = 0, start_max = 0, deadline_min = 0;
};

constexpr std::array<int, 13> kDays{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr std::array<std::string_view, 13> kMonths{
    "",     "januari", "februari",  "mars",    "april",    "maj",     "juni",
    "juli", "augusti", "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 13> kShort{"",    "jan", "feb", "mar", "apr", "maj", "jun",
                                                  "jul", "aug", "sep", "okt", "nov", "dec"};

/// Concatenation without `"literal" + std::string&&`, which makes GCC 12 at -O3 warn
/// (a false -Wrestrict, GCC bug 105329).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (s.append(std::string_view(parts)), ...);
  return s;
}

/// Day of `day month` counted from 1 January: in a common year, or (leap) in a leap year.
int day_of(int month, int day, bool leap) {
  int n = day - 1;
  for (int m = 1; m < month; ++m) n += kDays[m] + (leap && m == 2 ? 1 : 0);
  return n;
}
int last_day(int month) {
  return kDays[month];
}  // February: 28, so 29 februari never occurs

Window month_span(int from, int to) {  // from 1 `from` to the end of `to`
  return {day_of(from, 1, false), day_of(from, 1, true), day_of(to, last_day(to), false)};
}
Window day_span(int m1, int d1, int m2, int d2) {
  return {day_of(m1, d1, false), day_of(m1, d1, true), day_of(m2, d2, false)};
}

struct Role {
  const char* name;
  bool per_unit;
  std::vector<const char*> aliases;
};

const std::vector<Role>& roles() {
  static const std::vector<Role> kRoles{
      {"Enhetschef", true, {"Rektor", "Förskolechef"}},
      {"Förvaltningschef", false, {}},
      {"Nämnd", false, {"Utbildningsnämnd"}},
      {"Personal", true, {}},
      {"Controller", false, {"Ekonom"}},
      {"Elevhälsa", true, {"Elevhälsoteam"}},
      {"Kvalitetsstrateg", false, {}},
      {"Nämndsekreterare", false, {}},
      {"Skyddsombud", true, {"Arbetsmiljöombud"}},
      {"HR-specialist", false, {}},
  };
  return kRoles;
}

constexpr std::array<std::string_view, 16> kIdWords{
    "skiss",      "verksamhetsbesök", "nämndmål",       "dialog",
    "beslut",     "verksamhetsplan",  "uppföljning",    "delårsrapport",
    "budget",     "kvalitetsdialog",  "årsredovisning", "medarbetarsamtal",
    "lönesamtal", "elevenkät",        "internkontroll", "riskanalys"};
constexpr std::array<std::string_view, 12> kWhatStart{"Enhetschef redovisar",
                                                      "Förvaltningschef sammanställer",
                                                      "Nämnden beslutar om",
                                                      "Personalen diskuterar",
                                                      "Controller tar fram underlag för",
                                                      "Elevhälsan analyserar",
                                                      "Kvalitetsstrateg följer upp",
                                                      "Rektor lämnar synpunkter på",
                                                      "Dialog förs om",
                                                      "Skyddsombud granskar",
                                                      "HR stödjer arbetet med",
                                                      "Samtliga enheter rapporterar"};
constexpr std::array<std::string_view, 12> kWhatObject{
    "verksamhetsplanen för nästa år",
    "mål, mätetal och aktiviteter",
    "nämndens budget",
    "resultatet av elevenkäten",
    "det systematiska arbetsmiljöarbetet",
    "kvalitetsrapporten med analys och åtgärder",
    "delårsbokslutet",
    "kompetensförsörjningsplanen",
    "internkontrollplanen och dess risker",
    "likabehandlingsplanen",
    "lokalförsörjningen på längre sikt",
    "nämnd- och förvaltningsmål till personalen"};
constexpr std::array<std::string_view, 6> kWhatMore{
    "Underlaget skickas till förvaltningen i god tid före mötet.",
    "Synpunkter från enheterna samlas in och sammanställs.",
    "Resultatet dokumenteras i ledningssystemet.",
    "Vid behov kompletteras underlaget efter dialog med nämnden.",
    "Arbetet sker i samverkan med de fackliga organisationerna.",
    "Tidplanen stäms av med ekonomiavdelningen."};
constexpr std::array<std::string_view, 4> kTypes{"möte", "beslut", "rapport", "aktivitet"};
constexpr std::array<std::string_view, 6> kTags{"politikerdialog", "samverkan", "ekonomi",
                                                "arbetsmiljö",     "kvalitet",  "elevhälsa"};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::string run(std::size_t steps) {
    out_.reserve(steps * 260 + 4096);
    const std::string n = std::to_string(steps);
    out_ += cat("# Genererad av gen_rules: ", n, " steg (för mätningar, inte en riktig plan)\n");
    out_ += cat("process bench_", n, " \"Genererad process med ", n, " steg\"\n");
    out_ += "  cykel kalenderår                 # läsår går också\n";
    out_ += "  LEDTID 14 dagar\n\n";
    for (const auto& r : roles()) {
      out_ += "roll ";
      out_ += r.name;
      if (r.per_unit) out_ += pick(3) == 0 ? " per unit" : " per enhet";
      for (std::size_t i = 0; i < r.aliases.size(); ++i) {
        out_ += i == 0 ? " alias " : ", ";
        out_ += r.aliases[i];
      }
      out_ += '\n';
    }
    for (std::size_t i = 0; i < steps; ++i) step(i);
    return std::move(out_);
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename A>
  std::string_view any(const A& a) {
    return a[pick(int(a.size()))];
  }

  std::string month_word(int m) {
    switch (pick(8)) {
      case 0:
        return std::string(kShort[m]);
      case 1: {
        std::string s(kMonths[m]);
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
        return s;
      }
      default:
        return std::string(kMonths[m]);
    }
  }
  std::string_view dash() {
    static constexpr std::array<std::string_view, 5> kDash{"–", "-", " – ", " — ", " till "};
    return any(kDash);
  }

  /// One NÄR text and its window. Never 29 februari, vecka 53 or a range over new year.
  struct When {
    std::string text;
    Window w;
    bool single = true;
  };
  When when() {
    When r;
    int kind = pick(100);
    if (kind < 22) {  // month
      int m = between(1, 12);
      r = {month_word(m), month_span(m, m)};
    } else if (kind < 40) {  // month range
      int a = between(1, 11), b = between(a + 1, std::min(12, a + 3));
      r = {month_word(a) + std::string(dash()) + month_word(b), month_span(a, b)};
    } else if (kind < 50) {  // day and month
      int m = between(1, 12), d = between(1, last_day(m));
      r = {cat(std::to_string(d), " ", month_word(m)), day_span(m, d, m, d)};
    } else if (kind < 55) {  // range of days
      int m1 = between(1, 11), d1 = between(1, last_day(m1));
      int m2 = between(m1 + 1, std::min(12, m1 + 2)), d2 = between(1, last_day(m2));
      r = {cat(std::to_string(d1), " ", month_word(m1), " - ", std::to_string(d2), " ",
               month_word(m2)),
           day_span(m1, d1, m2, d2)};
    } else if (kind < 63) {  // part of a month
      static constexpr std::array<std::string_view, 3> kEarly{"tidigt i", "början av",
                                                              "i början av"};
      static constexpr std::array<std::string_view, 2> kMiddle{"mitten av", "i mitten av"};
      static constexpr std::array<std::string_view, 2> kLate{"slutet av", "i slutet av"};
      int m = between(1, 12), part = pick(3);
      std::string_view words = part == 0 ? any(kEarly) : part == 1 ? any(kMiddle) : any(kLate);
      int from = part * 10 + 1, to = part == 2 ? last_day(m) : part * 10 + 10;
      r = {cat(words, " ", month_word(m)), day_span(m, from, m, to)};
    } else if (kind < 73) {  // ISO weeks: week 1 starts between 29 December and 4 January
      int a = between(1, 50), b = pick(2) ? a : between(a + 1, std::min(52, a + 3));
      static constexpr std::array<std::string_view, 4> kWeek{"vecka ", "v. ", "v ", "vecka "};
      r.text = cat(any(kWeek), std::to_string(a));
      if (b != a) r.text += cat("-", std::to_string(b));
      r.w = {7 * (a - 1) - 3, 7 * (a - 1) + 3, 7 * (b - 1) - 3 + 6};
    } else if (kind < 79) {  // quarter
      int q = between(1, 4);
      r = {cat("Q", std::to_string(q)), month_span(3 * q - 2, 3 * q)};
    } else if (kind < 85) {  // tertial
      int t = between(1, 3);
      r = {cat("T", std::to_string(t)), month_span(4 * t - 3, 4 * t)};
    } else if (kind < 91) {  // next year
      int a = between(1, 6), b = pick(2) ? a : between(a + 1, a + 2);
      r.text = month_word(a);
      if (b != a) r.text += cat(dash(), month_word(b));
      r.text += pick(4) ? " nästa år" : " nasta ar";
      r.w = month_span(a, b);
      r.w = {r.w.start_min + 365, r.w.start_max + 366, r.w.deadline_min + 365};
    } else if (kind < 97) {  // several times a year, written in any order
      std::vector<int> ms;
      int n = between(2, 4);
      while (int(ms.size()) < n) {
        int m = between(1, 12);
        if (std::find(ms.begin(), ms.end(), m) == ms.end()) ms.push_back(m);
      }
      for (std::size_t i = 0; i < ms.size(); ++i)
        r.text += cat(i ? (i + 1 == ms.size() && pick(2) ? " och " : ", ") : "", month_word(ms[i]));
      auto [lo, hi] = std::minmax_element(ms.begin(), ms.end());
      r.w = {month_span(*lo, *lo).start_min, month_span(*lo, *lo).start_max,
             month_span(*hi, *hi).deadline_min};
      r.single = false;
    } else if (kind < 99) {
      r = {"under året", month_span(1, 12)};
    } else {
      r = {"varje månad", month_span(1, 12)};
      r.single = false;
    }
    return r;
  }

  void field(std::string_view key, const std::string& value) {
    out_ += "  ";
    out_ += key;
    std::size_t width = 0;  // in characters: "NÄR" is three
    for (char c : key) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    out_.append(width < 6 ? 6 - width : 1, ' ');
    out_ += value;
    out_ += '\n';
  }

  void step(std::size_t i) {
    std::string id = cat(any(kIdWords), "_", std::to_string(i + 1));
    When w = when();
    if (pick(20) == 0) out_ += cat("\n# ", any(kWhatMore), "\n");
    out_ += cat("\nsteg ", id, "\n");
    field("NÄR", w.text);
    // SENAST: a day between the latest possible start and the earliest window end.
    if (w.single && w.w.deadline_min < 365 && pick(6) == 0) {
      int lo = w.w.start_max + 1, hi = w.w.deadline_min;
      if (lo <= hi) {
        int d = between(lo, hi);
        int m = 1;
        while (m < 12 && day_of(m + 1, 1, false) <= d) ++m;
        int day = d - day_of(m, 1, false) + 1;
        // Safe in leap years too: the day can only move later, never before the start.
        field("SENAST", cat(std::to_string(day), " ", kMonths[m]));
        w.w.deadline_min = d;
      }
    }
    field("VEM", who());
    field("VAD", cat(any(kWhatStart), " ", any(kWhatObject)));
    for (int extra = pick(3); extra > 0; --extra) out_ += cat("        ", any(kWhatMore), "\n");
    after(i, w.w);
    if (pick(4) == 0) field("TYP", std::string(any(kTypes)));
    if (pick(8) == 0) field("TAGG", cat(any(kTags), ", ", any(kTags)));
    if (pick(10) == 0) {
      field("UTFALL", "godkänd, förbättringsbehov");
      with_outcomes_.push_back(i);
    } else if (!with_outcomes_.empty() && pick(15) == 0) {
      std::size_t j = with_outcomes_[pick(int(with_outcomes_.size()))];
      field("OM", cat(ids_[j], " = förbättringsbehov"));
    }
    if (pick(40) == 0) field("VART", cat(std::to_string(between(2, 4)), ":e år från 2022"));
    if (pick(25) == 0) field("LEDTID", cat(std::to_string(between(3, 30)), " dagar"));
    ids_.push_back(id);
    windows_.push_back(w.w);
  }

  std::string who() {
    const auto& rs = roles();
    int n = 1 + (pick(3) == 0) + (pick(6) == 0);
    std::vector<int> chosen;
    while (int(chosen.size()) < n) {
      int r = pick(int(rs.size()));
      if (std::find(chosen.begin(), chosen.end(), r) == chosen.end()) chosen.push_back(r);
    }
    std::string s;
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      static constexpr std::array<std::string_view, 3> kSep{", ", " & ", " och "};
      if (k) s += any(kSep);
      const Role& r = rs[chosen[k]];
      s += !r.aliases.empty() && pick(3) == 0 ? r.aliases[pick(int(r.aliases.size()))] : r.name;
      if (k > 0 && pick(4) == 0) s += " (vid behov)";
    }
    return s;
  }

  /// 0-3 dependencies on earlier steps that start, in any year, by this step's deadline.
  /// Mostly on recent steps (as in a real plan), sometimes on any earlier one.
  void after(std::size_t i, const Window& mine) {
    int want = pick(10) < 3 ? 0 : between(1, 3);
    std::vector<std::size_t> deps;
    for (int tries = 0; tries < 12 && int(deps.size()) < want && i > 0; ++tries) {
      std::size_t j = pick(3) ? i - 1 - std::size_t(pick(int(std::min<std::size_t>(i, 40))))
                              : std::size_t(pick(int(i)));
      if (windows_[j].start_max > mine.deadline_min) continue;
      if (std::find(deps.begin(), deps.end(), j) != deps.end()) continue;
      deps.push_back(j);
    }
    if (deps.empty()) return;
    std::string s;
    for (std::size_t k = 0; k < deps.size(); ++k) s += cat(k ? ", " : "", ids_[deps[k]]);
    field("EFTER", s);
  }

  std::mt19937_64 rng_;
  std::string out_;
  std::vector<std::string> ids_;
  std::vector<Window> windows_;
  std::vector<std::size_t> with_outcomes_;
};

}  // namespace

std::string generate_rules(std::size_t steps, std::uint64_t seed) {
  return Generator(seed).run(steps);
}

}  // namespace arshjul::bench
