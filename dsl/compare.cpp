#include "dsl/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "dsl/canonical.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

using Kind = Change::Kind;
using Names = std::map<std::string, std::string>;  // folded old name -> new name

/// `name` as the new rules call it: renamed names are mapped, others kept.
std::string renamed(const Names& names, const std::string& name) {
  auto it = names.find(fold(name));
  return it == names.end() ? name : it->second;
}

/// VEM as the rule language writes it, with the old rules' role names mapped through `roles`.
std::string who(const Process& p, const std::vector<RoleRef>& refs, const Names& roles) {
  return join(refs, ", ", [&](const RoleRef& r) {
    return renamed(roles, p.roles[r.role].name) + (r.if_needed ? " (vid behov)" : "");
  });
}

std::string after(const Process& p, const Step& s, const Names& steps) {
  std::string out =
      join(s.deps, ", ", [&](const Dependency& d) { return renamed(steps, p.steps[d.step].id); });
  for (const auto& l : s.links) out += (out.empty() ? "" : ", ") + l.text();
  return out;
}

std::string dates(const Process& p, const Step& s, int year) {
  std::vector<Diagnostic> ignored;
  std::vector<std::string> out;
  for (const auto& w : windows(p, s, year, ignored))
    out.push_back(iso(w.start) == iso(w.deadline) ? iso(w.deadline)
                                                  : iso(w.start) + "–" + iso(w.deadline));
  return join(out, ", ");
}

template <typename T>
std::string text_of(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : "";
}

std::string shift_text(const std::optional<Shift>& s) {
  if (!s) return "";
  return *s == Shift::before ? "före" : *s == Shift::after ? "efter" : "aldrig";
}

/// The fields of a step as (keyword, value) in the order the rule language lists them; the old
/// step's names are mapped through the renames so that a rename alone is not a change.
std::vector<std::pair<std::string, std::string>> fields(const Process& p, const Step& s,
                                                        const Names& roles, const Names& steps) {
  std::string deadline = s.deadline ? fmt::format("{}/{}{}", s.deadline->day, s.deadline->month,
                                                  s.deadline->next_year ? " nästa år" : "")
                                    : "";
  std::string condition =
      s.condition ? renamed(steps, p.steps[s.condition->step].id) + " = " + s.condition->outcome
                  : "";
  std::string every =
      s.every ? fmt::format("{}:e år från {}", s.every->every_years, s.every->from_year) : "";
  return {{"NÄR", s.when.text},
          {"SENAST", deadline},
          {"VEM", who(p, s.roles, roles)},
          {"VAD", s.task},
          {"EFTER", after(p, s, steps)},
          {"TYP", type_name(s.type, Lang::sv)},
          {"TAGG", join(s.tags, ", ")},
          {"OM", condition},
          {"UTFALL", join(s.outcomes, ", ")},
          {"VART", every},
          {"LEDTID", text_of(s.lead_days)},
          {"ESKALERING", text_of(s.escalate_days)},
          {"FLYTTA", shift_text(s.shift)},
          {"titel", s.title},
          {"LÄNK", s.link.get()},
          {"ENHETER", filter_text(s.units)}};
}

std::vector<std::pair<std::string, std::string>> fields(const Process& p) {
  std::vector<std::string> closed;
  for (const auto& c : p.calendar.closed_periods())
    closed.push_back(fmt::format("{}/{}–{}/{}{}{}", c.from_day, c.from_month, c.to_day, c.to_month,
                                 c.year ? fmt::format(" {}", *c.year) : "",
                                 c.name.empty() ? "" : " " + c.name));
  for (const auto& u : p.unit_closed)
    closed.push_back(fmt::format(
        "{}/{}–{}/{}{} för {}",  // vocabulary: keywords
        u.period.from_day, u.period.from_month, u.period.to_day, u.period.to_month,
        u.period.year ? fmt::format(" {}", *u.period.year) : "", filter_text(u.filter)));
  std::vector<std::string> terms;
  for (const auto& t : p.terms)
    terms.push_back(
        fmt::format("{} {} {}–{}", t.autumn ? "ht" : "vt", t.year, iso(t.start), iso(t.end)));
  return {{"titel", p.title},
          {"cykel", cycle_name(p.cycle, Lang::sv)},
          {"gäller", p.valid ? fmt::format("{}-{}", p.valid->first, p.valid->last) : ""},
          {"LEDTID", text_of(p.lead_days)},
          {"ESKALERING", text_of(p.escalate_days)},
          {"FLYTTA", shift_text(p.shift)},
          {"stängt", join(closed, ", ")},
          {"termin", join(terms, ", ")}};
}

/// The steps that name role `r` in VEM, as a folded set of ids mapped to the new names.
std::set<std::string> users_of(const Process& p, std::size_t r, const Names& steps) {
  std::set<std::string> out;
  for (const auto& s : p.steps)
    for (const auto& ref : s.roles)
      if (ref.role == r) out.insert(fold(renamed(steps, s.id)));
  return out;
}

class Comparison {
 public:
  Comparison(const Process& o, const Process& n, int year, std::vector<Change>& out)
      : old_(o), new_(n), year_(year), out_(out) {}

  void run() {
    add_fields(Kind::process_changed, "", fields(old_), fields(new_), {});
    match_steps();
    match_roles();
    compare_roles();
    compare_steps();
    compare_items(old_.goals, new_.goals);
    compare_items(old_.activities, new_.activities);
    compare_items(old_.measures, new_.measures);
  }

 private:
  void add(Change c) {
    c.process = new_.id;
    out_.push_back(std::move(c));
  }

  void add_fields(Kind kind, const std::string& id,
                  const std::vector<std::pair<std::string, std::string>>& before,
                  const std::vector<std::pair<std::string, std::string>>& after,
                  const std::function<void(Change&)>& dates) {
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (before[i].second == after[i].second) continue;
      Change c{.kind = kind,
               .id = id,
               .field = before[i].first,
               .before = before[i].second,
               .after = after[i].second};
      if (dates) dates(c);
      add(std::move(c));
    }
  }

  /// Steps by id; an old step without a new one of its id, and a new one without an old one
  /// with the same VAD and EFTER, are one renamed step.
  void match_steps() {
    std::set<std::string> new_ids;
    for (const auto& s : new_.steps) new_ids.insert(fold(s.id));
    for (const auto& s : old_.steps)
      if (new_ids.count(fold(s.id))) step_names_[fold(s.id)] = s.id;
    for (const auto& o : old_.steps) {
      if (step_names_.count(fold(o.id))) continue;
      for (const auto& n : new_.steps) {
        if (old_.find_step(n.id) || taken_.count(fold(n.id))) continue;
        if (o.task == n.task && after(old_, o, step_names_) == after(new_, n, {})) {
          step_names_[fold(o.id)] = n.id;
          taken_.insert(fold(n.id));
          add({.kind = Kind::step_renamed, .id = o.id, .renamed_to = n.id});
          break;
        }
      }
    }
  }

  /// Roles by name; a gone role is renamed to a new one that lists it as an alias, or that
  /// the same steps name.
  void match_roles() {
    for (const auto& r : old_.roles)
      if (new_.find_role(r.name) && fold(new_.roles[*new_.find_role(r.name)].name) == fold(r.name))
        role_names_[fold(r.name)] = r.name;
    for (std::size_t i = 0; i < old_.roles.size(); ++i) {
      const Role& o = old_.roles[i];
      if (role_names_.count(fold(o.name))) continue;
      auto users = users_of(old_, i, step_names_);
      for (std::size_t j = 0; j < new_.roles.size(); ++j) {
        const Role& n = new_.roles[j];
        if (old_.find_role(n.name) || new_role_taken_.count(j)) continue;
        bool alias = std::any_of(n.aliases.begin(), n.aliases.end(),
                                 [&](const std::string& a) { return fold(a) == fold(o.name); });
        if (alias || (!users.empty() && users == users_of(new_, j, {}))) {
          role_names_[fold(o.name)] = n.name;
          new_role_taken_.insert(j);
          add({.kind = Kind::role_renamed, .id = o.name, .renamed_to = n.name});
          break;
        }
      }
    }
  }

  void compare_roles() {
    for (const auto& o : old_.roles)
      if (!role_names_.count(fold(o.name))) add({.kind = Kind::role_removed, .id = o.name});
    for (std::size_t j = 0; j < new_.roles.size(); ++j) {
      const Role& n = new_.roles[j];
      const Role* found = nullptr;  // the old role this one is (by name, or renamed)
      if (!new_role_taken_.count(j)) {
        if (auto o = old_.find_role(n.name)) found = &old_.roles[*o];
      } else {
        for (const auto& old_role : old_.roles)
          if (renamed(role_names_, old_role.name) == n.name) found = &old_role;
      }
      if (!found) {
        add({.kind = Kind::role_added, .id = n.name});
        continue;
      }
      const Role& r = *found;
      auto reports = [&](const Process& p, const Role& x, const Names& names) {
        return x.reports_to ? renamed(names, p.roles[*x.reports_to].name) : "";
      };
      add_fields(Kind::role_changed, n.name,
                 {{"per enhet", r.per_unit ? "ja" : "nej"},
                  {"per område", r.per_area ? "ja" : "nej"},  // vocabulary: keywords
                  {"alias", join(r.aliases, ", ")},
                  {"rapporterar till", reports(old_, r, role_names_)}},
                 {{"per enhet", n.per_unit ? "ja" : "nej"},
                  {"per område", n.per_area ? "ja" : "nej"},  // vocabulary: keywords
                  {"alias", join(n.aliases, ", ")},
                  {"rapporterar till", reports(new_, n, {})}},
                 {});
    }
  }

  void compare_steps() {
    for (const auto& o : old_.steps)
      if (!step_names_.count(fold(o.id))) add({.kind = Kind::step_removed, .id = o.id});
    for (const auto& n : new_.steps) {
      const Step* o = nullptr;
      for (const auto& s : old_.steps)
        if (fold(renamed(step_names_, s.id)) == fold(n.id)) o = &s;
      if (!o) {
        add({.kind = Kind::step_added, .id = n.id, .dates_after = dates(new_, n, year_)});
        continue;
      }
      add_fields(Kind::step_changed, n.id, fields(old_, *o, role_names_, step_names_),
                 fields(new_, n, {}, {}), [&](Change& c) {
                   if (c.field != "NÄR" && c.field != "SENAST") return;
                   c.dates_before = dates(old_, *o, year_);
                   c.dates_after = dates(new_, n, year_);
                 });
    }
  }

  template <typename Item>
  void compare_items(const std::vector<Item>& before, const std::vector<Item>& after) {
    std::map<std::string, const Item*> old_items;
    for (const auto& i : before) old_items[fold(i.id)] = &i;
    for (const auto& n : after) {
      auto it = old_items.find(fold(n.id));
      if (it == old_items.end()) {
        add({.kind = Kind::item_added, .id = n.id});
        continue;
      }
      std::string o = canonical_text(old_, *it->second), now = canonical_text(new_, n);
      if (o != now)
        add({.kind = Kind::item_changed, .id = n.id, .before = trim(o), .after = trim(now)});
      old_items.erase(it);
    }
    for (const auto& i : before)
      if (old_items.count(fold(i.id))) add({.kind = Kind::item_removed, .id = i.id});
  }

  static std::string trim(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  }

  const Process& old_;
  const Process& new_;
  int year_;
  std::vector<Change>& out_;
  Names step_names_, role_names_;  // folded old name -> new name, for matched elements
  std::set<std::string> taken_;    // folded ids of new steps matched by a rename
  std::set<std::size_t> new_role_taken_;
};

}  // namespace

std::vector<Change> compare(const std::vector<Process>& old_rules,
                            const std::vector<Process>& new_rules, int year) {
  std::vector<Change> out;
  std::map<std::string, const Process*> old_by_id;
  for (const auto& p : old_rules) old_by_id[fold(p.id)] = &p;
  for (const auto& n : new_rules) {
    auto it = old_by_id.find(fold(n.id));
    if (it == old_by_id.end()) {
      out.push_back({.kind = Kind::process_added, .process = n.id, .id = n.id});
      continue;
    }
    Comparison(*it->second, n, year, out).run();
    old_by_id.erase(it);
  }
  for (const auto& o : old_rules)
    if (old_by_id.count(fold(o.id)))
      out.push_back({.kind = Kind::process_removed, .process = o.id, .id = o.id});
  return out;
}

}  // namespace arshjul::dsl
