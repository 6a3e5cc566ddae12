#include "present/followup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "present/json.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using engine::ActivityLine;
using engine::MeasureLine;
using engine::PlanFollowUp;

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  // å/ä/ö as the first letter: UTF-8 0xC3 0xA5/0xA4/0xB6 -> 0xC3 0x85/0x84/0x96
  if (s.size() > 1 && static_cast<unsigned char>(s[0]) == 0xC3) {
    auto c = static_cast<unsigned char>(s[1]);
    if (c == 0xA5 || c == 0xA4 || c == 0xB6) s[1] = static_cast<char>(c - 0x20);
  }
  return s;
}

std::string with_unit(const std::string& text, const std::string& unit) {
  return unit.empty() ? text : text + " (" + unit + ")";
}

/// The status cell: the seed's word, capitalised, and the flag when the plan has passed.
std::string status_cell(const ActivityLine& a, dsl::Lang lang) {
  std::string s = a.status ? capitalised(engine::status_word(*a.status, lang))
                           : tr<Msg::activity_not_reported>(lang);
  if (a.overdue) s += say<Msg::overdue_planned>(lang, dsl::iso(*a.planned));
  return s;
}

std::string met_cell(const MeasureLine& m, dsl::Lang lang) {
  if (auto met = m.met()) return *met ? tr<Msg::yes>(lang) : tr<Msg::no>(lang);
  return m.missing ? tr<Msg::missing>(lang) : tr<Msg::value_not_reported>(lang);
}

/// The goals in report order: each top goal followed by the goals under it, depth first.
void goal_order(const dsl::Process& p, std::optional<std::size_t> parent, int depth,
                std::vector<std::pair<std::size_t, int>>& out) {
  for (std::size_t i = 0; i < p.goals.size(); ++i)
    if (p.goals[i].parent == parent) {
      out.push_back({i, depth});
      goal_order(p, i, depth + 1, out);
    }
}

bool under(const std::vector<std::size_t>& goals, std::size_t g) {
  return std::find(goals.begin(), goals.end(), g) != goals.end();
}

void add_goal(Document& doc, const PlanFollowUp& f, std::size_t g, int depth, dsl::Lang lang) {
  const auto& p = *f.process;
  const auto& goal = p.goals[g];
  std::string head = capitalised(dsl::level_name(goal.level, lang)) + ": " +
                     (goal.title.empty() ? goal.id : goal.title);
  if (goal.parent)
    head += fmt::format(" (under {})", p.goals[*goal.parent].title.empty()
                                           ? p.goals[*goal.parent].id
                                           : p.goals[*goal.parent].title);
  doc.heading(3 + (depth > 0 ? 1 : 0), head);
  if (!goal.text.empty()) doc.paragraph(goal.text);
  std::vector<const ActivityLine*> acts;
  for (const auto& a : f.activities)
    if (under(a.activity->goals, g)) acts.push_back(&a);
  if (!acts.empty()) {
    auto& t = doc.table({tr<Msg::col_activity>(lang), tr<Msg::col_completed>(lang),
                         tr<Msg::col_status>(lang), tr<Msg::col_comment>(lang)});
    for (const auto* a : acts) {
      t.rows.push_back({with_unit(a->activity->task, a->unit),
                        a->activity->due ? a->activity->due->text : "", status_cell(*a, lang),
                        a->latest ? a->latest->comment : ""});
      t.row_classes.push_back(a->overdue                                  ? "warn"
                              : a->status && engine::finished(*a->status) ? "ok"
                                                                          : "");
    }
  }
  std::vector<const MeasureLine*> ms;
  for (const auto& m : f.measures)
    if (under(m.measure->goals, g)) ms.push_back(&m);
  if (!ms.empty()) {
    auto& t =
        doc.table({tr<Msg::col_measure>(lang), tr<Msg::col_tertial>(lang),
                   tr<Msg::col_target>(lang), tr<Msg::col_outcome>(lang), tr<Msg::col_met>(lang)});
    for (const auto* m : ms) {
      const auto& me = *m->measure;
      std::string target = (me.direction == dsl::Direction::higher ? "≥ " : "≤ ") +
                           engine::number_text(me.target, lang) +
                           (me.unit.empty() ? "" : " " + me.unit);
      t.rows.push_back({with_unit(me.title.empty() ? me.id : me.title, m->unit),
                        "T" + std::to_string(m->tertial), target,
                        m->value ? engine::number_text(m->value->value, lang) : "",
                        met_cell(*m, lang)});
      auto met = m->met();
      t.row_classes.push_back(m->missing || (met && !*met) ? "warn" : met ? "ok" : "wait");
    }
  }
}

}  // namespace

Document followup_document(const std::vector<PlanFollowUp>& fs, int year, int tertial,
                           dsl::Date as_of, dsl::Lang lang) {
  Document doc;
  doc.lang = tr<Msg::lang_code>(lang);
  doc.title = say<Msg::follow_up_tertial_as_of>(lang, year, tertial, dsl::iso(as_of));
  for (const auto& f : fs) {
    const auto& p = *f.process;
    doc.heading(1, p.title.empty() ? p.id : p.title);
    // The summary first: what a reader wants before the goals.
    std::size_t done = 0, overdue = 0, unreported = 0, met = 0, unmet = 0, missing = 0;
    for (const auto& a : f.activities) {
      done += a.status && engine::finished(*a.status);
      overdue += a.overdue;
      unreported += !a.status;
    }
    for (const auto& m : f.measures) {
      auto ok = m.met();
      met += ok && *ok;
      unmet += ok && !*ok;
      missing += m.missing;
    }
    doc.heading(2, tr<Msg::summary>(lang));
    doc.paragraph(say<Msg::activities_in_all_finished_overdue_not>(
        lang, f.activities.size(), done, overdue, unreported, met, unmet, missing));
    std::vector<std::pair<std::size_t, int>> order;
    goal_order(p, std::nullopt, 0, order);
    // Perspectives in file order, then goals without one.
    std::vector<std::optional<std::size_t>> groups;
    for (std::size_t i = 0; i < p.perspectives.size(); ++i) groups.push_back(i);
    groups.push_back(std::nullopt);
    for (const auto& group : groups) {
      bool any = false;
      for (auto [g, depth] : order) {
        if (p.goals[g].perspective != group) continue;
        if (!any && group)
          doc.heading(2, p.perspectives[*group].title.empty() ? p.perspectives[*group].id
                                                              : p.perspectives[*group].title);
        any = true;
        add_goal(doc, f, g, depth, lang);
      }
    }
  }
  if (fs.empty()) doc.paragraph(tr<Msg::no_plan_applies_to_this_year>(lang));
  return doc;
}

std::string followup_json(const std::vector<PlanFollowUp>& fs, int year, int tertial,
                          dsl::Date as_of) {
  using nlohmann::json;
  json out{{"year", year},
           {"tertial", tertial},
           {"as_of", dsl::iso(as_of)},
           {"processes", json::array()}};
  for (const auto& f : fs) {
    const auto& p = *f.process;
    json jp{{"id", p.id},
            {"title", p.title},
            {"perspectives", json::array()},
            {"goals", json::array()},
            {"activities", json::array()},
            {"measures", json::array()}};
    for (const auto& x : p.perspectives)
      jp["perspectives"].push_back({{"id", x.id}, {"title", x.title}});
    for (const auto& g : p.goals)
      jp["goals"].push_back(
          {{"id", g.id},
           {"title", g.title},
           {"text", g.text},
           {"level", dsl::level_name(g.level, dsl::Lang::sv)},
           {"perspective", g.perspective ? json(p.perspectives[*g.perspective].id) : json()},
           {"parent", g.parent ? json(p.goals[*g.parent].id) : json()}});
    auto goal_ids = [&](const std::vector<std::size_t>& gs) {
      json ids = json::array();
      for (auto g : gs) ids.push_back(p.goals[g].id);
      return ids;
    };
    for (const auto& a : f.activities)
      jp["activities"].push_back(
          {{"id", a.activity->id},
           {"text", a.activity->task},
           {"goals", goal_ids(a.activity->goals)},
           {"unit", a.unit},
           {"due", a.activity->due ? json(a.activity->due->text) : json()},
           {"planned", a.planned ? json(dsl::iso(*a.planned)) : json()},
           {"status", a.status ? json(engine::status_word(*a.status, dsl::Lang::sv)) : json()},
           {"comment", a.latest ? json(a.latest->comment) : json()},
           {"reported_on", a.latest ? json(dsl::iso(a.latest->reported_on)) : json()},
           {"overdue", a.overdue}});
    for (const auto& m : f.measures) {
      auto met = m.met();
      jp["measures"].push_back(
          {{"id", m.measure->id},
           {"title", m.measure->title},
           {"goals", goal_ids(m.measure->goals)},
           {"unit", m.unit},
           {"tertial", m.tertial},
           {"unit_of_measure", m.measure->unit},
           {"direction", dsl::direction_name(m.measure->direction, dsl::Lang::en)},
           {"target", m.measure->target},
           {"value", m.value ? json(m.value->value) : json()},
           {"met", met ? json(*met) : json()},
           {"missing", m.missing}});
    }
    out["processes"].push_back(std::move(jp));
  }
  return json_text(out, 2);
}

}  // namespace arshjul::present
