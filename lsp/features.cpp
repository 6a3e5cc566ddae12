#include "lsp/features.hpp"

#include <fmt/format.h>

#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "engine/roster.hpp"
#include "present/texts.hpp"

namespace arshjul::lsp {
namespace {

// LSP's CompletionItemKind and SymbolKind numbers.
constexpr int kKeywordItem = 14, kValueItem = 12, kClassItem = 7, kEventItem = 23;
constexpr int kModuleSymbol = 2, kClassSymbol = 5, kEventSymbol = 24, kObjectSymbol = 19;

// The word the position stands in, and the first word of its line.
struct Context {
  std::string word;
  std::string first_word;
  bool indented = false;
  bool at_first_word = false;
};

Context context_at(const Document& d, unsigned line0, unsigned character) {
  auto line = d.line(line0);
  std::size_t at = d.byte_column(line0, character);
  std::size_t start = at, end = at;
  while (start > 0 && word_byte(line[start - 1])) --start;
  while (end < line.size() && word_byte(line[end])) ++end;
  Context c;
  c.word = std::string(line.substr(start, end - start));
  std::size_t first = line.find_first_not_of(" \t");
  c.indented = first != 0 && first != std::string_view::npos;
  std::size_t first_end = first;
  while (first_end < line.size() && word_byte(line[first_end])) ++first_end;
  if (first != std::string_view::npos)
    c.first_word = std::string(line.substr(first, first_end - first));
  c.at_first_word = first == std::string_view::npos || at <= first_end;
  return c;
}

const dsl::Process* process_of(const Document& d) {
  return d.rules().processes.empty() ? nullptr : &d.rules().processes.front();
}

std::string windows_text(const dsl::Process& p, const dsl::Step& s, int year) {
  std::vector<dsl::Diagnostic> ignored;
  std::vector<std::string> parts;
  for (const auto& w : dsl::windows(p, s, year, ignored)) {
    std::string part = dsl::iso(w.start) == dsl::iso(w.deadline)
                           ? dsl::iso(w.deadline)
                           : dsl::iso(w.start) + " – " + dsl::iso(w.deadline);
    if (w.moved_from) part += " (" + dsl::iso(*w.moved_from) + " →)";
    parts.push_back(part);
  }
  return parts.empty() ? "–" : dsl::join(parts, ", ");
}

std::string step_text(const dsl::Process& p, const dsl::Step& s, int year, dsl::Lang lang) {
  return dsl::render(dsl::Msg::hover_step,
                     {s.id, p.title, s.when.text, std::to_string(year), windows_text(p, s, year),
                      std::to_string(year + 1), windows_text(p, s, year + 1),
                      present::roles_text(p, s, lang), s.task},
                     lang);
}

std::string role_text(const dsl::Process& p, std::size_t r, const Document& d,
                      const RosterFile& roster, dsl::Lang lang) {
  const auto& role = p.roles[r];
  std::string out = "**" + role.name + "**";
  if (role.per_unit) out += dsl::tr<dsl::Msg::hover_role_per_unit>(lang);
  if (role.per_area) out += dsl::tr<dsl::Msg::hover_role_per_area>(lang);
  if (!role.aliases.empty())
    out += dsl::render(dsl::Msg::hover_role_aliases, {dsl::join(role.aliases, ", ")}, lang);
  if (role.reports_to)
    out += dsl::render(dsl::Msg::hover_role_reports_to, {p.roles[*role.reports_to].name}, lang);
  if (roster.path.empty()) return out;
  dsl::Sources sources;
  std::vector<dsl::Diagnostic> errors;
  auto people = engine::load_roster(roster.path, d.rules().processes, sources, errors);
  std::vector<std::string> holders;
  for (const auto& person : people.people)
    if (engine::holds(person, p, r))
      holders.push_back(person.unit.empty() ? person.name : person.name + " (" + person.unit + ")");
  return out +
         dsl::render(dsl::Msg::hover_role_held_by,
                     {roster.path, holders.empty() ? dsl::tr<dsl::Msg::hover_role_nobody>(lang)
                                                   : dsl::join(holders, ", ")},
                     lang);
}

nlohmann::json markdown(const std::string& text) {
  return {{"contents", {{"kind", "markdown"}, {"value", text}}}};
}

nlohmann::json item(const std::string& label, int kind, const std::string& detail = "") {
  nlohmann::json j{{"label", label}, {"kind", kind}};
  if (!detail.empty()) j["detail"] = detail;
  return j;
}

nlohmann::json symbol(const Document& d, const std::string& name, int kind,
                      const dsl::Location& where, const std::string& detail = "") {
  auto range = d.range_of(where);
  nlohmann::json j{{"name", name}, {"kind", kind}, {"range", range}, {"selectionRange", range}};
  if (!detail.empty()) j["detail"] = detail;
  return j;
}

const dsl::Process* process_named(const Document& d, const std::string& id) {
  for (const auto* list : {&d.rules().processes, &d.rules().linked})
    for (const auto& q : *list)
      if (dsl::fold(q.id) == dsl::fold(id)) return &q;
  return nullptr;
}

// On a link of EFTER (`budget.anvisningar`, one word to the editor): the other process's step.
std::optional<dsl::Location> link_target(const Document& d, const dsl::Process& p, unsigned line0,
                                         const std::string& word) {
  for (const auto& s : p.steps)
    for (const auto& l : s.links) {
      if (l.where.line != line0 + 1 || l.where.file != d.path() || l.process.empty()) continue;
      const dsl::Process* other = process_named(d, l.process);
      if (!other || dsl::fold(word) != dsl::fold(l.process + "." + l.step)) continue;
      if (auto i = other->find_step(l.step)) return other->steps[*i].where;
    }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& block_keywords() {
  static const std::vector<std::string> k{"process",  "roll",      "steg",
                                          "kalender", "inkludera", "perspektiv",
                                          "mål",      "aktivitet", "mätetal"};
  return k;
}

const std::vector<std::string>& field_keywords() {
  static const std::vector<std::string> k{
      "NÄR",         "VEM",     "VAD",    "EFTER",  "SENAST",     "TYP",      "TAGG",
      "OM",          "VART",    "UTFALL", "LEDTID", "ESKALERING", "FLYTTA",   "NIVÅ",
      "PERSPEKTIV",  "UNDER",   "MÅL",    "KLART",  "ENHET",      "RIKTNING", "MÅLVÄRDE",
      "UPPFÖLJNING", "ENHETER", "cykel",  "stängt", "termin",     "lov"};
  return k;
}

std::optional<nlohmann::json> hover(const Document& d, unsigned line0, unsigned character,
                                    const RosterFile& roster, dsl::Lang lang) {
  const dsl::Process* p = process_of(d);
  if (!p) return std::nullopt;
  auto c = context_at(d, line0, character);
  // On a NÄR line: the step's dates this year and next.
  for (const auto& s : d.syntax().steps)
    if (s.when && s.when->where.line == line0 + 1)
      if (auto i = p->find_step(s.id.text))
        return markdown(step_text(*p, p->steps[*i], d.year(), lang));
  if (c.word.empty()) return std::nullopt;
  if (auto i = p->find_step(c.word)) return markdown(step_text(*p, p->steps[*i], d.year(), lang));
  if (auto r = p->find_role(c.word)) return markdown(role_text(*p, *r, d, roster, lang));
  return std::nullopt;
}

nlohmann::json completion(const Document& d, unsigned line0, unsigned character) {
  auto c = context_at(d, line0, character);
  nlohmann::json items = nlohmann::json::array();
  if (c.at_first_word) {
    for (const auto& k : c.indented ? field_keywords() : block_keywords())
      items.push_back(item(k, kKeywordItem));
    return items;
  }
  const dsl::Process* p = process_of(d);
  auto field = dsl::fold(c.first_word);
  if (field == "nar" || field == "senast" || field == "klart") {
    for (const auto& m : dsl::month_names()) items.push_back(item(m, kValueItem));
    for (const char* w :
         {"nästa år", "början av", "mitten av", "slutet av", "vecka", "under året", "varje månad"})
      items.push_back(item(w, kKeywordItem));
  } else if (p && (field == "vem" || field == "under" || c.first_word == "roll")) {
    for (const auto& r : p->roles)
      items.push_back(item(r.name, kClassItem,
                           r.per_unit   ? "per enhet"
                           : r.per_area ? "per område"
                                        : ""));
  } else if (p && (field == "efter" || field == "om")) {
    for (const auto& s : p->steps) items.push_back(item(s.id, kEventItem, s.when.text));
  }
  return items;
}

std::optional<nlohmann::json> definition(const Document& d, unsigned line0, unsigned character) {
  const dsl::Process* p = process_of(d);
  auto c = context_at(d, line0, character);
  if (!p || c.word.empty()) return std::nullopt;
  std::optional<dsl::Location> where = link_target(d, *p, line0, c.word);
  if (!where) {
    if (auto i = p->find_step(c.word))
      where = p->steps[*i].where;
    else if (auto r = p->find_role(c.word))
      where = p->roles[*r].where;
  }
  if (!where) return std::nullopt;
  // A location in another file: its range from the text the loader read.
  const std::string* text = d.rules().sources.text(where->file);
  const bool here = where->file == d.path() || !text;
  return nlohmann::json{{"uri", path_to_uri(where->file.str())},
                        {"range", here ? d.range_of(*where) : Lines(*text).range_of(*where)}};
}

nlohmann::json symbols(const Document& d) {
  nlohmann::json out = nlohmann::json::array();
  const auto& f = d.syntax();
  if (f.process)
    out.push_back(
        symbol(d, f.process->id.text, kModuleSymbol, f.process->id.where, f.process->title));
  for (const auto& r : f.roles) out.push_back(symbol(d, r.name.text, kClassSymbol, r.name.where));
  for (const auto& s : f.steps)
    out.push_back(symbol(d, s.id.text, kEventSymbol, s.id.where, s.when ? s.when->text : ""));
  for (const auto& i : f.items)
    out.push_back(symbol(d, i.id.text, kObjectSymbol, i.id.where, i.title));
  return out;
}

}  // namespace arshjul::lsp
