#include "dsl/compiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>

#include "dsl/compile_checks.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {

class Compiler : public StepSink {
 public:
  Compiler(std::vector<Diagnostic>& errors) : errors_(errors) {}

  /// Takes `f` as soon as it is read (the root first): its roles, and its steps moved into the
  /// model with every name that is already known resolved; its steps' syntax is freed.
  void add(FileSyntax& f) {
    if (files_added_++ == 0) streaming_ = f.process.has_value();
    bool taken = parsing_;  // its steps so far were taken while it was read
    parsing_ = false;
    if (!streaming_) return;  // a library alone: nothing is compiled (see finish)
    collect_roles(f, taken ? roles_done_ : 0);
    collect_steps(f);
    release(f.steps);
  }

  /// A file is being read: about `n` steps will come (see take).
  void expect(std::size_t n) override {
    parsing_ = true;
    roles_done_ = 0;
    if (files_added_ == 0 || streaming_) reserve_steps(n);
  }

  /// Takes step `s` of `f` while `f` is read, with the roles `f` has declared so far. The
  /// root's steps are taken once its `process` line is read (a file without one compiles
  /// nothing: see finish).
  bool take(const FileSyntax& f, StepSyntax& s) override {
    if (files_added_ == 0 ? !f.process.has_value() : !streaming_) return false;
    collect_roles(f, roles_done_);
    roles_done_ = f.roles.size();
    take_step(s);
    return true;
  }

  std::optional<Process> finish(const std::vector<FileSyntax*>& files, int check_year) {
    const FileSyntax& root = *files.front();
    // A broken include hid names: unknown-name errors would only be its echo.
    for (const auto* f : files) quiet_unknown_ = quiet_unknown_ || f->include_broken;
    if (!streaming_) {
      for (const auto* f : files) collect_roles(*f);
      if (root.process_header_seen) return std::nullopt;  // its syntax error was reported
      for (const auto* f : files) {
        if (!f->steps.empty())
          error(f->steps.front().id.where, Msg::steps_without_process);
        else if (!f->items.empty())
          error(f->items.front().id.where, Msg::steps_without_process);
      }
      return std::nullopt;
    }
    p_.id = root.process->id.text;
    p_.title = root.process->title;
    p_.cycle = root.process->cycle;
    p_.lead_days = root.process->lead_days;
    p_.escalate_days = root.process->escalate_days;
    p_.valid = root.process->valid;
    if (p_.valid && p_.valid->first > p_.valid->last)
      error(p_.valid->where, Msg::valid_years_order,
            {std::to_string(p_.valid->first), std::to_string(p_.valid->last)});
    collect_calendar(files);
    p_.where = root.process->id.where;
    link_roles();
    p_.index_steps(std::move(step_names_.index));  // the claimed ids, each at its step's index
    link_deferred();
    check_cycles(p_, errors_);
    check_anchor_cycles(p_, anchors_, errors_);
    check_dates(p_, broken_, check_year, errors_);
    // An event on a closed day is worth a warning only in a cycle the process applies to.
    for (std::size_t i = 0; i < p_.steps.size() && p_.applies_in(check_year); ++i)
      if (!broken_[i] && !p_.steps[i].when.occurrences.empty())
        warn_event_on_closed_day(p_, p_.steps[i], check_year, errors_);
    for (const auto* f : files) collect_items(*f);
    link_items();
    return std::move(p_);
  }

 private:
  /// Frees the memory of `v` (`v = {}` or clear() would keep it).
  template <typename T>
  static void release(std::vector<T>& v) {
    std::vector<T>().swap(v);
  }

  void error(const Location& at, Msg msg, std::vector<std::string> args = {},
             std::optional<std::string> suggestion = std::nullopt) {
    errors_.push_back({at, msg, std::move(args), std::move(suggestion)});
  }

  /// Names claimed in one namespace (compared folded), and where each stands.
  struct Claimed {
    FoldedIndex index;
    std::vector<Location> where;
  };

  /// Records `id` in `names`; reports `duplicate`, naming where the first one stands, and
  /// returns false when it is there already.
  bool claim(Claimed& names, const Name& id, Msg duplicate) {
    if (auto first = names.index.insert(id.text, names.where.size())) {
      error(id.where, duplicate, {id.text, names.where[*first].file_line()});
      return false;
    }
    names.where.push_back(id.where);
    return true;
  }

  // `stängt` days of the process and of every included calendar; the root's FLYTTA wins.
  void collect_calendar(const std::vector<FileSyntax*>& files) {
    std::vector<ClosedPeriod> closed;
    for (auto it = files.rbegin(); it != files.rend(); ++it) {
      closed.insert(closed.end(), (*it)->closed.begin(), (*it)->closed.end());
      p_.unit_closed.insert(p_.unit_closed.end(), (*it)->unit_closed.begin(),
                            (*it)->unit_closed.end());
      if ((*it)->shift) p_.shift = *(*it)->shift;
    }
    p_.calendar = WorkCalendar(std::move(closed));
    for (const auto* f : files)
      for (const auto& t : f->terms) add_term(t);
  }

  // A term once per kind and year, in its own year, ending after it starts.
  void add_term(const Term& t) {
    std::string name = fmt::format("{} {}", t.autumn ? "ht" : "vt", t.year);
    for (const auto& other : p_.terms)
      if (other.autumn == t.autumn && other.year == t.year)
        return error(t.where, Msg::term_duplicate, {name, other.where.file_line()});
    if (int(t.start.year()) != t.year)
      return error(t.where, Msg::term_wrong_year, {name, iso(t.start), std::to_string(t.year)});
    if (std::chrono::sys_days(t.end) < std::chrono::sys_days(t.start))
      return error(t.where, Msg::term_order, {name, iso(t.end), iso(t.start)});
    p_.terms.push_back(t);
  }

  /// The roles of `f` from its `first` on.
  void collect_roles(const FileSyntax& f, std::size_t first = 0) {
    for (std::size_t i = first; i < f.roles.size(); ++i) {
      const RoleSyntax& r = f.roles[i];
      Role role{r.name.text, r.per_unit, r.per_area && !r.per_unit, {}, {}, r.name.where};
      if (r.per_unit && r.per_area) error(r.name.where, Msg::role_per_unit_and_area, {r.name.text});
      if (!claim_role_name(r.name)) continue;
      role_index_.insert(r.name.text, p_.roles.size());
      for (const auto& a : r.aliases)
        if (claim_role_name(a)) {
          role.aliases.push_back(a.text);
          role_index_.insert(a.text, p_.roles.size());
        }
      reports_to_.push_back(r.reports_to);
      p_.roles.push_back(std::move(role));
    }
  }

  bool claim_role_name(const Name& n) { return claim(role_names_, n, Msg::duplicate_role); }

  std::vector<std::string> role_candidates() const {
    std::vector<std::string> names;
    for (const auto& r : p_.roles) {
      names.push_back(r.name);
      names.insert(names.end(), r.aliases.begin(), r.aliases.end());
    }
    return names;
  }

  std::optional<std::size_t> resolve_role(const Name& n) {
    auto found = role_index_.find(n.text);  // as p_.find_role, without a pass over every name
    if (!found && !quiet_unknown_)
      error(n.where, Msg::unknown_role, {n.text}, closest(n.text, role_candidates()));
    return found;
  }

  void link_roles() {
    for (std::size_t i = 0; i < p_.roles.size(); ++i)
      if (const auto& to = reports_to_[i]) p_.roles[i].reports_to = resolve_role(*to);
    check_reports_chains(p_, reports_to_, errors_);
  }

  // Each step claims its id and moves into the model; the names it uses are resolved now when
  // they are known already (a role declared above, a step before it), else once every file is
  // read (link_deferred).
  void collect_steps(FileSyntax& f) {
    reserve_steps(f.steps.size());
    for (auto& s : f.steps) take_step(s);
  }

  // Grown by doubling across files, not per file: 100,000 steps in four files move 75,000.
  void reserve_steps(std::size_t more) {
    std::size_t need = p_.steps.size() + more;
    if (need > p_.steps.capacity()) p_.steps.reserve(std::max(need, 2 * p_.steps.size()));
  }

  void take_step(StepSyntax& s) {
    if (!claim(step_names_, s.id, Msg::duplicate_step)) return;
    broken_.push_back(s.broken);
    absorb(s, p_.steps.emplace_back());
  }

  // Moves step `s`'s syntax into `step`.
  void absorb(StepSyntax& s, Step& step) {
    step.id = std::move(s.id.text);
    step.title = std::move(s.title);
    step.link = s.link ? std::move(*s.link) : std::string();
    step.where = s.id.where;
    for (auto& o : s.outcomes) step.outcomes.push_back(std::move(o.text));
    if (!s.broken) {
      if (!s.when) error(step.where, Msg::missing_field, {step.id, "NÄR"});
      if (!s.who) error(step.where, Msg::missing_field, {step.id, "VEM"});
      if (!s.what) error(step.where, Msg::missing_field, {step.id, "VAD"});
    }
    if (s.when) step.when = std::move(*s.when);
    step.deadline = s.deadline;
    if (s.what) step.task = std::move(*s.what);
    step.lead_days = s.lead_days;
    step.escalate_days = s.escalate_days;
    step.shift = s.shift;
    if (s.every) step.every = Recurrence{s.every->years, s.every->from};
    step.tags.reserve(s.tags.size());  // vectors of exactly their size, here and below
    for (auto& t : s.tags) step.tags.push_back(std::move(t.text));
    step.units = std::move(s.units);
    if (s.type) step.type = resolve_type(*s.type);
    if (s.deadline && s.when) {
      std::size_t n = 0;
      for (const auto& o : step.when.occurrences) n += occurrences_at_least(o.from);
      if (n > 1) error(s.deadline->where, Msg::deadline_with_repeats, {std::to_string(n)});
    }
    Deferred later{broken_.size() - 1, {}, {}, {}, std::move(s.condition)};
    if (s.who && !known_roles(*s.who, step.roles)) later.who = std::move(s.who);
    if (s.who && !later.who) check_units(step);
    if (!s.links.empty() || !known_steps(s.after, step.deps)) {
      later.after = std::move(s.after);
      later.links = std::move(s.links);
    }
    if (later.who || later.condition || !later.after.empty() || !later.links.empty())
      deferred_.push_back(std::move(later));
  }

  /// The roles of `who` when every one is declared already (then nothing is said).
  bool known_roles(const std::vector<RoleRefSyntax>& who, std::vector<RoleRef>& out) const {
    out.reserve(who.size());
    for (const auto& r : who)
      if (auto idx = role_index_.find(r.role.text)) out.push_back({*idx, r.if_needed});
    if (out.size() == who.size()) return true;
    out.clear();
    return false;
  }

  /// The steps of `after` when every one is claimed already (then nothing is said).
  bool known_steps(const std::vector<Name>& after, std::vector<Dependency>& out) const {
    out.reserve(after.size());
    for (const auto& a : after)
      if (auto idx = step_names_.index.find(a.text)) out.push_back({*idx, a.where});
    if (out.size() == after.size()) return true;
    out.clear();
    return false;
  }

  void check_units(const Step& step) {
    if (!step.units.empty() && !p_.per_unit(step))
      error(step.units.front().attribute.where, Msg::units_without_per_unit_role, {step.id});
  }

  // The names not known when their step was read, and the NÄR counting from another step.
  void link_deferred() {
    for (auto& d : deferred_) {
      Step& step = p_.steps[d.step];
      if (d.who) {
        for (const auto& r : *d.who)
          if (auto idx = resolve_role(r.role)) step.roles.push_back({*idx, r.if_needed});
        check_units(step);
      }
      for (const auto& a : d.after)
        if (auto idx = resolve_step(a)) step.deps.push_back({*idx, a.where});
      for (const auto& l : d.links) link(l, step);
      if (d.condition) step.condition = resolve_condition(*d.condition);
    }
    release(deferred_);
    for (std::size_t i = 0; i < p_.steps.size(); ++i)
      for (const Atom* a : step_anchors(p_.steps[i].when))
        if (auto idx = resolve_anchor(*a)) anchors_.push_back({i, *idx, a->where});
  }

  // A link to a step of this process is checked here (`x förra cykeln`, or the process's own
  // id before the dot: then a plain dependency); one to another process by dsl/links.hpp,
  // located at the process's name (where an unknown process is said).
  void link(const LinkSyntax& l, Step& step) {
    if (l.process && fold(l.process->text) != fold(p_.id)) {
      step.links.push_back({l.process->text, l.step.text, l.previous_cycle, l.process->where});
      return;
    }
    auto idx = resolve_step(l.step);
    if (idx && l.previous_cycle) step.links.push_back({"", p_.steps[*idx].id, true, l.step.where});
    if (idx && !l.previous_cycle) step.deps.push_back({*idx, l.step.where});
  }

  std::optional<std::size_t> resolve_step(const Name& n) {
    auto found = p_.find_step(n.text);
    if (!found && !quiet_unknown_) {
      // Built once, on the first unknown name: a file may have thousands of them.
      if (!step_suggester_) step_suggester_.emplace(ids_of(p_.steps));
      error(n.where, Msg::unknown_step, {n.text}, step_suggester_->closest(n.text));
    }
    return found;
  }

  // The step a NÄR counts from; a name that is neither a step nor a holiday is an error with
  // the nearest of both suggested (`långfredagn` -> `långfredagen`).
  std::optional<std::size_t> resolve_anchor(const Atom& a) {
    auto found = p_.find_step(a.name.get());
    if (!found && !quiet_unknown_) {
      std::vector<std::string> names = ids_of(p_.steps);
      for (int d = 0; d <= static_cast<int>(NamedDay::first_advent); ++d) {
        std::string day = named_day_name(static_cast<NamedDay>(d));
        day[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(day[0])));
        names.push_back(day);  // as written in NÄR: `långfredagen`
      }
      error(a.where, Msg::unknown_step, {a.name}, closest(a.name.get(), names));
    }
    return found;
  }

  // TYP takes the catalogue's words for the types, Swedish and English, and `info`.
  StepType resolve_type(const Name& n) {
    static const auto kTypes = [] {
      std::vector<std::pair<std::string, StepType>> words;
      for (int t = 1; t <= static_cast<int>(StepType::theme); ++t)
        for (Lang lang : {Lang::sv, Lang::en})
          words.emplace_back(type_name(static_cast<StepType>(t), lang), static_cast<StepType>(t));
      words.emplace_back("info", StepType::information);
      return words;
    }();
    return resolve_word(n, kTypes, Msg::unknown_type).value_or(StepType::none);
  }

  std::optional<Condition> resolve_condition(const ConditionSyntax& c) {
    auto step = resolve_step(c.step);
    if (!step) return std::nullopt;
    const auto& outcomes = p_.steps[*step].outcomes;
    if (outcomes.empty()) {
      error(c.step.where, Msg::no_outcomes_declared, {c.step.text});
      return std::nullopt;
    }
    std::vector<std::string> words;
    for (const auto& o : outcomes) {
      if (folded_equal(o, c.outcome.text)) return Condition{*step, o};
      words.push_back(o);
    }
    error(c.outcome.where, Msg::unknown_outcome, {c.step.text, c.outcome.text, join(words, ", ")},
          closest(c.outcome.text, words));
    return std::nullopt;
  }

  // --- the plan ----------------------------------------------------------------------------

  // Perspectives, goals, activities and measures share one namespace per process: a record
  // names an activity or a measure by id, and an id that means two things would mislead.
  void collect_items(const FileSyntax& f) {
    for (const auto& item : f.items) {
      if (!claim(item_names_, item.id, Msg::duplicate_item)) continue;
      items_.push_back(&item);
    }
  }

  void require(const ItemSyntax& s, bool present, const char* field) {
    if (!present && !s.broken) error(s.id.where, Msg::missing_item_field, {s.id.text, field});
  }

  template <typename Items>
  std::vector<std::string> ids_of(const Items& v) const {
    std::vector<std::string> ids;
    for (const auto& x : v) ids.push_back(x.id);
    return ids;
  }

  template <typename T>
  static std::optional<std::size_t> find_id(const std::vector<T>& v, const std::string& id) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (folded_equal(v[i].id, id)) return i;
    return std::nullopt;
  }

  std::optional<std::size_t> resolve_goal(const Name& n) {
    auto found = find_id(p_.goals, n.text);
    if (!found && !quiet_unknown_)
      error(n.where, Msg::unknown_goal, {n.text}, closest(n.text, ids_of(p_.goals)));
    return found;
  }

  std::vector<RoleRef> resolve_roles(const std::optional<std::vector<RoleRefSyntax>>& who) {
    std::vector<RoleRef> out;
    if (who)
      for (const auto& r : *who)
        if (auto idx = resolve_role(r.role)) out.push_back({*idx, r.if_needed});
    return out;
  }

  template <typename E>
  std::optional<E> resolve_word(const Name& n, const std::vector<std::pair<std::string, E>>& words,
                                Msg unknown) {
    std::vector<std::string> names;
    for (const auto& [word, value] : words) {
      if (folded_equal(word, n.text)) return value;
      names.push_back(word);
    }
    error(n.where, unknown, {n.text}, closest(n.text, names));
    return std::nullopt;
  }

  void link_items() {
    std::vector<const ItemSyntax*> goals, activities, measures;
    for (const auto* s : items_) {
      switch (s->kind) {
        case ItemKind::perspective:
          p_.perspectives.push_back({s->id.text, s->title, s->id.where});
          break;
        case ItemKind::goal:
          goals.push_back(s);
          break;
        case ItemKind::activity:
          activities.push_back(s);
          break;
        case ItemKind::measure:
          measures.push_back(s);
          break;
      }
    }
    for (const auto* s : goals) {
      Goal g{s->id.text, s->title, s->what.value_or(""), GoalLevel::board, {}, {}, {}, s->id.where};
      for (const auto& t : s->tags) g.tags.push_back(t.text);
      p_.goals.push_back(std::move(g));
    }
    // Levels first, then parents and perspectives from the top down: a parent is always a
    // higher level, so the goals above are linked before the goals below them.
    for (std::size_t i = 0; i < goals.size(); ++i) link_goal_level(*goals[i], p_.goals[i]);
    for (auto level : {GoalLevel::board, GoalLevel::administration, GoalLevel::unit})
      for (std::size_t i = 0; i < goals.size(); ++i)
        if (p_.goals[i].level == level) link_goal(*goals[i], p_.goals[i]);
    for (const auto* s : activities) p_.activities.push_back(link_activity(*s));
    for (const auto* s : measures) p_.measures.push_back(link_measure(*s));
  }

  void link_goal_level(const ItemSyntax& s, Goal& g) {
    static const std::vector<std::pair<std::string, GoalLevel>> kLevels{
        {"nämndmål", GoalLevel::board},
        {"board", GoalLevel::board},
        {"förvaltningsmål", GoalLevel::administration},
        {"administration", GoalLevel::administration},
        {"enhetsmål", GoalLevel::unit},
        {"unit", GoalLevel::unit}};
    require(s, s.level.has_value(), "NIVÅ");
    if (s.level)
      if (auto level = resolve_word(*s.level, kLevels, Msg::unknown_level)) g.level = *level;
  }

  void link_goal(const ItemSyntax& s, Goal& g) {
    if (s.perspective) {
      g.perspective = find_id(p_.perspectives, s.perspective->text);
      if (!g.perspective && !quiet_unknown_)
        error(s.perspective->where, Msg::unknown_perspective, {s.perspective->text},
              closest(s.perspective->text, ids_of(p_.perspectives)));
    }
    if (s.parent) {
      g.parent = resolve_goal(*s.parent);
      if (g.parent) {
        const Goal& above = p_.goals[*g.parent];
        if (above.level >= g.level) {
          error(s.parent->where, Msg::goal_parent_level,
                {g.id, level_name(g.level, Lang::sv), above.id, level_name(above.level, Lang::sv)});
          g.parent.reset();
        } else if (g.perspective && above.perspective && *g.perspective != *above.perspective) {
          error(s.perspective->where, Msg::goal_perspective_conflict,
                {g.id, p_.perspectives[*g.perspective].id, above.id,
                 p_.perspectives[*above.perspective].id});
        } else if (!g.perspective) {
          g.perspective = above.perspective;
        }
      }
    } else if (g.level != GoalLevel::board && !s.broken) {
      error(s.id.where, Msg::goal_needs_parent, {g.id, level_name(g.level, Lang::sv)});
    } else if (!s.perspective && !p_.perspectives.empty()) {
      require(s, false, "PERSPEKTIV");
    }
  }

  std::vector<std::size_t> resolve_goals(const ItemSyntax& s) {
    require(s, !s.goals.empty(), "MÅL");
    std::vector<std::size_t> out;
    for (const auto& n : s.goals)
      if (auto g = resolve_goal(n)) out.push_back(*g);
    return out;
  }

  /// What an activity and a measure share: id, title, goals, roles, tags, place.
  PlanItem plan_item(const ItemSyntax& s) {
    PlanItem item{s.id.text, s.title, resolve_goals(s), resolve_roles(s.who), {}, s.id.where};
    for (const auto& t : s.tags) item.tags.push_back(t.text);
    return item;
  }

  Activity link_activity(const ItemSyntax& s) {
    require(s, s.what.has_value(), "VAD");
    require(s, s.who.has_value(), "VEM");
    Activity a{plan_item(s), s.what.value_or(""), s.due};
    if (s.due) {
      std::size_t n = 0;
      for (const auto& o : s.due->occurrences) n += occurrences_at_least(o.from);
      if (n > 1) error(s.due->where, Msg::due_not_one_time, {std::to_string(n)});
    }
    return a;
  }

  Measure link_measure(const ItemSyntax& s) {
    static const std::vector<std::pair<std::string, Direction>> kDirections{
        {"högre", Direction::higher},
        {"higher", Direction::higher},
        {"lägre", Direction::lower},
        {"lower", Direction::lower}};
    require(s, s.who.has_value(), "VEM");
    require(s, s.direction.has_value(), "RIKTNING");
    require(s, s.target.has_value(), "MÅLVÄRDE");
    require(s, !s.tertials.empty(), "UPPFÖLJNING");
    Measure m{plan_item(s),      s.what.value_or(""),  s.measure_unit.value_or(""),
              Direction::higher, s.target.value_or(0), s.tertials};
    if (s.direction)
      if (auto d = resolve_word(*s.direction, kDirections, Msg::unknown_direction))
        m.direction = *d;
    std::sort(m.tertials.begin(), m.tertials.end());
    m.tertials.erase(std::unique(m.tertials.begin(), m.tertials.end()), m.tertials.end());
    return m;
  }

  // The atoms of a NÄR that count from another step (`7 dagar före nämndmöte`).
  static std::vector<const Atom*> step_anchors(const When& when) {
    std::vector<const Atom*> out;
    for (const auto& o : when.occurrences)
      for (const Atom* a : {&o.from, o.to ? &*o.to : nullptr})
        if (a && a->kind == AtomKind::anchored && a->anchor == Anchor::step) out.push_back(a);
    return out;
  }

  std::vector<Diagnostic>& errors_;
  bool quiet_unknown_ = false;
  Process p_;
  std::vector<std::optional<Name>> reports_to_;  // of each role, as written
  /// What a step names that was not known when it was read: resolved by link_deferred.
  struct Deferred {
    std::size_t step = 0;
    std::vector<Name> after;
    std::vector<LinkSyntax> links;
    std::optional<std::vector<RoleRefSyntax>> who;
    std::optional<ConditionSyntax> condition;
  };
  std::size_t files_added_ = 0;
  bool streaming_ = false;      // the root has a process: each file is compiled as added
  bool parsing_ = false;        // a file is being read (expect was said, add not yet)
  std::size_t roles_done_ = 0;  // of the file being read: its roles collected already
  std::vector<Deferred> deferred_;
  std::vector<bool> broken_;  // of each step: a syntax error in it
  std::vector<const ItemSyntax*> items_;
  Claimed role_names_, step_names_, item_names_;
  FoldedIndex role_index_;  // the roles' names and aliases (folded) -> index in p_.roles
  std::optional<Suggester> step_suggester_;
  std::vector<AnchorEdge> anchors_;  // NÄR counting from another step
};

Compilation::Compilation(std::vector<Diagnostic>& errors)
    : impl_(std::make_unique<Compiler>(errors)) {}
Compilation::~Compilation() = default;

StepSink& Compilation::sink() {
  return *impl_;
}

void Compilation::add(FileSyntax& file) {
  impl_->add(file);
}

std::optional<Process> Compilation::finish(const std::vector<FileSyntax*>& files, int check_year) {
  return impl_->finish(files, check_year);
}

std::optional<Process> compile(const std::vector<FileSyntax*>& files, int check_year,
                               std::vector<Diagnostic>& errors) {
  Compilation c(errors);
  for (auto* f : files) c.add(*f);
  return c.finish(files, check_year);
}

}  // namespace arshjul::dsl
