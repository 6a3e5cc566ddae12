// gen_admin: a generated administration for the `arshjul status` benchmark.
//
//   gen_admin OUTDIR [--units 1000] [--steps 200] [--years 10] [--seed 1] [--today 2026-05-20]
//
// writes
//   OUTDIR/rules/admin.arshjul  one kalenderår process with STEPS steps: six roles (two
//                               `per enhet`), most steps for a per-unit role, the common NÄR
//                               forms, EFTER to earlier steps (barriers included), UTFALL/OM,
//                               VART, LEDTID; it is checked with load_rules for every year
//                               written, so `arshjul check` is clean
//   OUTDIR/roster.csv           UNITS units, each with a Rektor and a Personal, plus one
//                               person for each single role
//   OUTDIR/arshjul.db           the completions of cycles TODAY.year-YEARS+1 .. TODAY.year
//                               (against the windows the engine uses: deadlines moved off
//                               weekends and holidays),
//                               written through engine::Store::record in batches: most on
//                               time, some late, some missing, a few corrected, the current
//                               cycle only done as far as TODAY; inserted in the order they
//                               happened (done_on), so cycles interleave in the table as in
//                               real use
// The same arguments give the same files.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "engine/store.hpp"

namespace fs = std::filesystem;
namespace ch = std::chrono;
using arshjul::dsl::Date;

namespace {

// --- deterministic randomness -----------------------------------------------------------

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x1234567ull) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(int(v.size())))];
  }

 private:
  std::uint64_t s_;
};

const std::vector<std::string> kMonths = {"januari",   "februari", "mars",     "april",
                                          "maj",       "juni",     "juli",     "augusti",
                                          "september", "oktober",  "november", "december"};

// --- the rule file ----------------------------------------------------------------------

struct Topic {
  const char* id;
  const char* what;
};

const std::vector<Topic> kPerUnitTopics = {
    {"verksamhetsplan", "Rektor tar fram verksamhetsplan för enheten"},
    {"kvalitetsdialog", "Kvalitetsdialog mellan rektor och förvaltningschef"},
    {"elevhälsomöte", "Elevhälsomöte på enheten: elever i behov av stöd"},
    {"resultatanalys", "Rektor analyserar kunskapsresultat och måluppfyllelse"},
    {"budgetunderlag", "Enheten lämnar underlag till budget och resursfördelning"},
    {"arbetsmiljörond", "Skyddsrond och arbetsmiljöronden genomförs på enheten"},
    {"likabehandlingsplan", "Plan mot diskriminering och kränkande behandling revideras"},
    {"systematiskt_kvalitetsarbete", "Enhetens systematiska kvalitetsarbete dokumenteras"},
    {"medarbetarsamtal", "Medarbetarsamtal med all personal"},
    {"lönesamtal", "Lönesamtal enligt lönekriterierna"},
    {"tjänstefördelning", "Tjänstefördelning och schemaläggning inför nästa termin"},
    {"elevenkät", "Elevenkät genomförs och sammanställs"},
    {"vårdnadshavarenkät", "Vårdnadshavarenkät genomförs och sammanställs"},
    {"nationella_prov", "Nationella prov genomförs och resultaten rapporteras"},
    {"betygsanalys", "Analys av betyg och bedömning"},
    {"kompetensutveckling", "Plan för kompetensutveckling av personalen"},
    {"krisplan", "Krisplan och beredskapsplan ses över"},
    {"tertialrapport", "Tertialrapport till förvaltningen"},
    {"delårsrapport", "Delårsrapport: ekonomi, personal och måluppfyllelse"},
    {"internkontroll", "Internkontroll enligt nämndens plan"},
    {"samverkan", "Samverkansmöte med fackliga företrädare på enheten"},
    {"läsårsplanering", "Planering av läsåret: kalender, lov och studiedagar"},
    {"skolval", "Placering av elever efter skolvalet"},
    {"extra_anpassningar", "Uppföljning av extra anpassningar och åtgärdsprogram"},
    {"frånvarouppföljning", "Uppföljning av elevernas frånvaro"},
};

const std::vector<Topic> kSingleTopics = {
    {"nämndmål", "Nämnden beslutar om nämndmål"},
    {"budgetbeslut", "Nämnden beslutar om budget och internbudget"},
    {"sammanställning", "Förvaltningschef sammanställer enheternas underlag"},
    {"årsredovisning", "Förvaltningens årsredovisning och verksamhetsberättelse"},
    {"ledningsgrupp", "Ledningsgruppens planeringsdagar"},
    {"ekonomisk_prognos", "Ekonomisk prognos till kommunstyrelsen"},
    {"kvalitetsrapport", "Kvalitetsrapport till nämnden"},
    {"ramäskan", "Ramäskan: förvaltningens behov inför budgetåret"},
};

struct StepPlan {
  std::string id;
  double base = 0;  ///< position in the year: 1.0 = start of January, 13.0 = next January
  bool per_unit = false;
};

std::string when_for(Rng& r, int m, std::string& senast) {
  const std::string& name = kMonths[m - 1];
  int f = r.below(100);
  if (f < 22) return name;
  if (f < 35 && m < 12) return name + "–" + kMonths[m];
  if (f < 43) return fmt::format("{} {}", r.between(1, 28), name);
  if (f < 55) {
    static const char* parts[] = {"tidigt i", "i mitten av", "slutet av", "början av", "sent i"};
    return fmt::format("{} {}", parts[r.below(5)], name);
  }
  if (f < 63) {  // an ISO week well inside the month in every year
    int week = static_cast<int>((m - 1) * 4.345 + 2.5);
    return r.chance(0.5) ? fmt::format("vecka {}", week) : fmt::format("v. {}", week);
  }
  if (f < 68)
    return r.chance(0.5) ? fmt::format("Q{}", (m - 1) / 3 + 1)
                         : fmt::format("T{}", (m - 1) / 4 + 1);
  if (f < 90 && m <= 8) {  // a list, the first occurrence in month m (meetings each term)
    return m + 8 <= 12 ? fmt::format("{}, {} och {}", name, kMonths[m + 3], kMonths[m + 7])
                       : fmt::format("{} och {}", name, kMonths[m + 3]);
  }
  if (f < 96 && m < 12) {
    senast = fmt::format("{} {}", r.between(10, 28), kMonths[m]);
    return name + "–" + kMonths[m];
  }
  return name;
}

std::string generate_rules(int steps, Rng& r, std::vector<StepPlan>& plan) {
  std::string out;
  out += "# Genererad av gen_admin: en förvaltning med många enheter (benchmark för status).\n";
  out +=
      "process admin \"Förvaltningens årshjul (genererat)\"\n  cykel kalenderår\n  LEDTID 14 "
      "dagar\n\n";
  out += "roll Rektor per enhet alias Enhetschef, Förskolechef rapporterar till Förvaltningschef\n";
  out += "roll Personal per enhet\n";
  out += "roll Förvaltningschef rapporterar till Nämnd\n";
  out += "roll Nämnd alias BUN\n";
  out += "roll Ekonomichef rapporterar till Förvaltningschef\n";
  out += "roll Kommunstyrelse alias KS\n\n";

  // Special steps at fixed places; the rest ordinary.
  const int monthly = 0;                    // single, varje månad
  const int whole_year = 1;                 // per unit, under året
  const int decision = steps / 3;           // single, UTFALL
  const int conditional = decision + 1;     // per unit, OM decision = återremitterad
  const int election = steps / 2;           // single, VART 4:e år
  const int after_election = election + 2;  // single, VART, EFTER election

  std::vector<std::string> types = {"möte", "beslut", "rapport", "aktivitet"};
  for (int i = 0; i < steps; ++i) {
    StepPlan sp;
    // Steps spread over January .. January next year, in order.
    sp.base = 1.0 + 12.9 * i / std::max(1, steps);
    int m = static_cast<int>(sp.base);
    bool next_year = m >= 13;
    if (next_year) m = std::min(2, m - 12);
    std::string when, senast, vem, what, extra;
    int who = r.below(100);
    sp.per_unit = who < 88;
    if (i == monthly || i == decision || i == election || i == after_election) sp.per_unit = false;
    if (i == whole_year || i == conditional) sp.per_unit = true;

    if (sp.per_unit) {
      const Topic& t = r.pick(kPerUnitTopics);
      sp.id = fmt::format("{}_{:03}", t.id, i + 1);
      what = t.what;
      vem = who < 70   ? (r.chance(0.5) ? "Rektor" : "Enhetschef")
            : who < 80 ? "Rektor & Personal"
                       : "Rektor, Förvaltningschef (vid behov)";
    } else {
      const Topic& t = r.pick(kSingleTopics);
      sp.id = fmt::format("{}_{:03}", t.id, i + 1);
      what = t.what;
      static const std::vector<std::string> singles = {"Förvaltningschef", "Nämnd", "Ekonomichef",
                                                       "Förvaltningschef & Nämnd", "KS"};
      vem = r.pick(singles);
    }

    if (i == monthly) {
      when = "varje månad";
      what = "Månadsuppföljning av ekonomi och sjukfrånvaro";
      vem = "Ekonomichef";
    } else if (i == whole_year) {
      when = "under året";
      what = "Enhetens löpande uppföljning av tillbud och kränkningsärenden";
    } else if (next_year) {
      static const char* forms[] = {"januari nästa år", "tidigt i februari nästa år",
                                    "januari–februari nästa år", "vecka 3 nästa år"};
      when = forms[r.below(4)];
    } else {
      when = when_for(r, m, senast);
    }

    out += fmt::format("steg {}\n  NÄR   {}\n", sp.id, when);
    if (!senast.empty()) out += fmt::format("  SENAST {}\n", senast);
    out += fmt::format("  VEM   {}\n", vem);
    if (r.chance(0.2))
      out += fmt::format(
          "  VAD   {}. Underlaget sparas i ärendehanteringen och\n"
          "        redovisas vid nästa ledningsgrupp\n",
          what);
    else
      out += fmt::format("  VAD   {}\n", what);

    // EFTER: 0-2 earlier steps from an earlier month (so every dependency starts before the
    // step's deadline in every year), not the VART steps (they do not run every year).
    int wanted = i < 3 ? 0 : r.below(100) < 35 ? 0 : r.below(100) < 70 ? 1 : 2;
    std::vector<std::string> deps;
    for (int tries = 0; tries < 20 && int(deps.size()) < wanted; ++tries) {
      int lo = std::max(2, i - 40);
      if (lo >= i) break;
      int j = r.between(lo, i - 1);
      if (j == election || j == after_election || j == decision || j == conditional) continue;
      if (static_cast<int>(plan[j].base) >= static_cast<int>(sp.base)) continue;
      if (std::find(deps.begin(), deps.end(), plan[j].id) != deps.end()) continue;
      deps.push_back(plan[j].id);
    }
    if (i == conditional) deps = {plan[decision].id};
    if (i == after_election) deps = {plan[election].id};
    if (!deps.empty()) {
      out += "  EFTER ";
      for (std::size_t k = 0; k < deps.size(); ++k) out += (k ? ", " : "") + deps[k];
      out += "\n";
    }
    if (i == decision) out += "  UTFALL godkänd, återremitterad\n";
    if (i == conditional) out += fmt::format("  OM    {} = återremitterad\n", plan[decision].id);
    if (i == election || i == after_election) out += "  VART  4:e år från 2022\n";
    if (r.chance(0.4)) out += fmt::format("  TYP   {}\n", r.pick(types));
    if (r.chance(0.15)) out += "  TAGG  kvalitet, uppföljning\n";
    if (r.chance(0.05)) out += "  LEDTID 7 dagar\n";
    out += "\n";
    plan.push_back(sp);
  }
  return out;
}

// --- the roster ---------------------------------------------------------------------------

const std::vector<std::string> kPlaces = {
    "Ekbacken",   "Björkhagen",  "Solängen", "Åsen",      "Lövsta",     "Kvarnbacken", "Hagalund",
    "Östermalm",  "Västerby",    "Norrmalm", "Sjöviken",  "Tallåsen",   "Granbacken",  "Lindhagen",
    "Ängsbacken", "Bergsjö",     "Rosendal", "Strandvik", "Furuhöjden", "Källbrink",   "Mossen",
    "Älvkarleby", "Fågelsång",   "Vallby",   "Ekängen",   "Hjortsberg", "Skogsbo",     "Lillån",
    "Storängen",  "Backa",       "Kyrkbyn",  "Ängby",     "Näsby",      "Torsvik",     "Brännkyrka",
    "Högdalen",   "Mälarhöjden", "Råcksta",  "Sätra",     "Bagarmossen"};
const std::vector<std::string> kKinds = {"skola", "förskola", "gymnasium"};
const std::vector<std::string> kFirst = {
    "Anna", "Maria", "Karin", "Eva", "Lena",   "Erik",     "Lars",   "Karl", "Anders", "Johan",
    "Per",  "Sara",  "Emma",  "Ali", "Fatima", "Mohammed", "Ingrid", "Nils", "Åsa",    "Örjan"};
const std::vector<std::string> kLast = {
    "Andersson", "Johansson", "Karlsson",   "Nilsson",    "Eriksson",  "Larsson", "Olsson",
    "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",   "Jansson", "Hansson",
    "Bengtsson", "Öberg",     "Åberg",      "Lindström",  "Lindqvist", "Hassan"};

std::string unit_name(int i) {
  std::string s = kPlaces[i % kPlaces.size()] + "s " + kKinds[(i / kPlaces.size()) % kKinds.size()];
  int n = i / int(kPlaces.size() * kKinds.size());
  if (n > 0) s += fmt::format(" {}", n + 1);
  return s;
}

std::string person(Rng& r, std::string& email) {
  std::string f = r.pick(kFirst), l = r.pick(kLast);
  auto ascii = [](std::string s) {
    std::string o;
    for (std::size_t i = 0; i < s.size(); ++i) {
      unsigned char c = s[i];
      if (c == 0xC3 && i + 1 < s.size()) {
        unsigned char d = s[++i];
        o += (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84) ? 'a' : 'o';
      } else {
        o += static_cast<char>(std::tolower(c));
      }
    }
    return o;
  };
  email = ascii(f) + "." + ascii(l) + "@kommunen.se";
  return f + " " + l;
}

// --- the store ----------------------------------------------------------------------------

int days_of(Date d) {
  return static_cast<int>(ch::sys_days(d).time_since_epoch().count());
}
Date date_of(int days) {
  return Date(ch::sys_days(ch::days(days)));
}

/// One completion, compact until it is written.
struct Entry {
  std::int32_t done_on;
  std::int16_t cycle;
  std::int16_t step;
  std::int32_t unit;  // -1 for single steps
  std::int8_t occurrence;
  std::int8_t outcome;  // -1 none
  std::int8_t note;
  std::int8_t correction;
};

struct Args {
  fs::path out;
  int units = 1000, steps = 200, years = 10;
  std::uint64_t seed = 1;
  std::string today = "2026-05-20";
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "gen_admin: " << why << "\n"
            << "usage: gen_admin OUTDIR [--units N] [--steps N] [--years N] [--seed N] [--today "
               "YYYY-MM-DD]\n";
  std::exit(2);
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(s + " needs a value");
      return argv[++i];
    };
    if (s == "--units")
      a.units = std::stoi(value());
    else if (s == "--steps")
      a.steps = std::stoi(value());
    else if (s == "--years")
      a.years = std::stoi(value());
    else if (s == "--seed")
      a.seed = std::stoull(value());
    else if (s == "--today")
      a.today = value();
    else if (!s.empty() && s[0] == '-')
      usage("unknown option " + s);
    else if (a.out.empty())
      a.out = s;
    else
      usage("one OUTDIR only");
  }
  if (a.out.empty()) usage("OUTDIR missing");
  if (a.units < 1 || a.units > 100000 || a.steps < 10 || a.steps > 5000 || a.years < 1 ||
      a.years > 50)
    usage("--units 1..100000, --steps 10..5000, --years 1..50");
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse_args(argc, argv);
  auto t0 = ch::steady_clock::now();
  int y = 0;
  unsigned mo = 0, d = 0;
  if (std::sscanf(a.today.c_str(), "%d-%u-%u", &y, &mo, &d) != 3) usage("bad --today");
  const Date today = ch::year(y) / ch::month(mo) / ch::day(d);
  const int today_days = days_of(today);
  const int last_cycle = y, first_cycle = y - a.years + 1;

  fs::create_directories(a.out / "rules");
  Rng rng(a.seed);

  // Rules.
  std::vector<StepPlan> plan;
  const fs::path rules_path = a.out / "rules" / "admin.arshjul";
  {
    std::ofstream f(rules_path, std::ios::binary);
    f << generate_rules(a.steps, rng, plan);
  }
  arshjul::dsl::RuleSet rules;
  for (int year = first_cycle; year <= last_cycle + 1; ++year) {
    rules = arshjul::dsl::load_rules({rules_path}, year);
    if (!rules.ok()) {
      for (const auto& diag : rules.diagnostics)
        std::cerr << arshjul::dsl::format(diag, rules.sources, arshjul::dsl::Lang::en);
      std::cerr << "gen_admin: the generated rules do not check for " << year << "\n";
      return 1;
    }
  }
  rules = arshjul::dsl::load_rules({rules_path}, last_cycle);
  const auto& p = rules.processes.at(0);

  // Roster.
  std::vector<std::string> units;
  {
    std::ofstream f(a.out / "roster.csv", std::ios::binary);
    f << "enhet,roll,namn,epost\n";
    std::string email;
    for (const char* role : {"Förvaltningschef", "Nämnd", "Ekonomichef", "Kommunstyrelse"}) {
      std::string name = person(rng, email);
      f << "," << role << "," << name << "," << email << "\n";
    }
    for (int u = 0; u < a.units; ++u) {
      units.push_back(unit_name(u));
      std::string name = person(rng, email);
      f << units.back() << ",Rektor," << name << "," << email << "\n";
      name = person(rng, email);
      f << units.back() << ",Personal," << name << " (personalföreträdare)," << email << "\n";
    }
  }

  // Completions: for every cycle, step, unit and occurrence whose window has opened by today.
  std::vector<Entry> entries;
  entries.reserve(std::size_t(a.units) * a.steps * a.years * 11 / 10);
  std::vector<arshjul::dsl::Diagnostic> ignored;
  for (int cycle = first_cycle; cycle <= last_cycle; ++cycle) {
    for (std::size_t s = 0; s < p.steps.size(); ++s) {
      const auto& step = p.steps[s];
      auto ws = arshjul::dsl::windows(p, step, cycle, ignored);  // deadlines on working days
      bool per_unit = p.per_unit(step);
      int n = per_unit ? a.units : 1;
      for (int u = 0; u < n; ++u) {
        for (std::size_t k = 0; k < ws.size(); ++k) {
          int start = days_of(ws[k].start), deadline = days_of(ws[k].deadline);
          if (start > today_days) continue;
          Entry e{};
          e.cycle = static_cast<std::int16_t>(cycle);
          e.step = static_cast<std::int16_t>(s);
          e.unit = per_unit ? u : -1;
          e.occurrence = static_cast<std::int8_t>(k + 1);
          e.outcome = step.outcomes.empty()
                          ? -1
                          : static_cast<std::int8_t>(rng.below(int(step.outcomes.size())));
          e.note = rng.chance(0.05) ? 1 : 0;
          int roll = rng.below(1000);
          if (deadline >= today_days) {  // open now: about half done already
            if (roll >= 500) continue;
            e.done_on = rng.between(start, today_days);
          } else if (roll < 900) {  // on time
            e.done_on = rng.between(start, deadline);
          } else if (roll < 960) {  // late
            e.done_on = deadline + rng.between(1, 45);
            if (e.done_on > today_days) continue;
          } else {
            continue;  // missing
          }
          entries.push_back(e);
          if (rng.chance(0.005)) {  // a correction: a later entry for the same task
            Entry c = e;
            c.done_on = std::min(today_days, e.done_on + rng.between(0, 10));
            c.correction = 1;
            entries.push_back(c);
          }
        }
      }
    }
  }
  // Recorded in the order things happened (a correction after the entry it corrects).
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& z) {
    return x.done_on != z.done_on ? x.done_on < z.done_on : x.correction < z.correction;
  });

  const fs::path db = a.out / "arshjul.db";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix);
  {
    arshjul::engine::Store store(db.string());
    const std::size_t batch = 100000;
    std::vector<arshjul::engine::Completion> buf;
    buf.reserve(batch);
    std::vector<std::string> role_of(p.steps.size());
    for (std::size_t s = 0; s < p.steps.size(); ++s)
      role_of[s] =
          p.steps[s].roles.empty() ? std::string() : p.roles[p.steps[s].roles[0].role].name;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const Entry& e = entries[i];
      arshjul::engine::Completion c;
      c.process = p.id;
      c.cycle = e.cycle;
      c.step = p.steps[e.step].id;
      if (e.unit >= 0) c.unit = units[e.unit];
      c.occurrence = e.occurrence;
      c.done_on = date_of(e.done_on);
      c.done_by = role_of[e.step];
      if (e.outcome >= 0) c.outcome = p.steps[e.step].outcomes[e.outcome];
      if (e.correction)
        c.note = "Rättat datum";
      else if (e.note)
        c.note = "Protokoll finns i ärendehanteringen";
      c.recorded_at =
          fmt::format("{}T{:02}:{:02}:00Z", arshjul::dsl::iso(date_of(e.done_on + e.correction)),
                      7 + int(i % 10), int(i % 60));
      buf.push_back(std::move(c));
      if (buf.size() == batch || i + 1 == entries.size()) {
        store.record(buf);
        buf.clear();
      }
    }
  }

  std::size_t per_unit_steps = 0;
  for (const auto& s : p.steps) per_unit_steps += p.per_unit(s) ? 1 : 0;
  auto secs = ch::duration<double>(ch::steady_clock::now() - t0).count();
  std::cout << fmt::format(
      "gen_admin: {} steps ({} per unit, {} dependencies), {} units, cycles {}..{}, {} completions "
      "in {:.1f} s -> {}\n",
      p.steps.size(), per_unit_steps, p.dependency_count(), a.units, first_cycle, last_cycle,
      entries.size(), secs, a.out.string());
  return 0;
}
