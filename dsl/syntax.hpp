#pragma once
// The syntax tree of one rule file: plain structs, each element with its source location,
// so errors found after parsing still point into the text.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/workdays.hpp"

namespace arshjul::dsl {

/// A name as written, with where it was written.
struct Name {
  std::string text;
  Location where;
};

enum class AtomKind : std::uint8_t {
  month,
  day_month,
  part_of_month,
  week,
  quarter,
  tertial,
  whole_cycle,
  every_month,
  date,              ///< `2026-10-05`: that day, in the cycle containing it only
  nth_weekday,       ///< `första måndagen i maj` (month 0: `i varje månad`)
  every_weekday,     ///< `varje fredag`, `varje måndag september–december`
  every_week,        ///< `varje vecka`: Monday to Friday of every week
  every_other_week,  ///< `varannan vecka från vecka 35`
  term,              ///< `ht`, `vt`: the whole term of the kalender (number 1 vt, 2 ht)
  anchored,          ///< a day counted from a term's start or end, a holiday or another step
  weekday_in_week,   ///< `tisdag–torsdag vecka 39`, `onsdag vecka 39`
  before_each_term,  ///< `inför varje termin`: the two weeks before each term starts
};

/// What an anchored day is counted from.
enum class Anchor : std::uint8_t { none, term_start, term_end, holiday, step };

/// True for the forms that give many windows from one occurrence.
inline bool repeats(const struct Atom& a);
enum class MonthPart : std::uint8_t { early, middle, late };

/// A text that is mostly empty, kept on the heap: the size of a pointer when empty (a step's
/// LÄNK, the step a NÄR counts from). Reads as a const std::string ("" when nothing is there).
class StringBox {
 public:
  StringBox() = default;
  StringBox(std::string s) { *this = std::move(s); }  // NOLINT(google-explicit-constructor)
  StringBox(const StringBox& o) : StringBox(o.get()) {}
  StringBox(StringBox&&) noexcept = default;
  StringBox& operator=(const StringBox& o) { return *this = o.get(); }
  StringBox& operator=(StringBox&&) noexcept = default;
  StringBox& operator=(std::string s) {
    p_ = s.empty() ? nullptr : std::make_unique<std::string>(std::move(s));
    return *this;
  }
  ~StringBox() = default;

  const std::string& get() const { return p_ ? *p_ : empty_string(); }
  operator const std::string&() const { return get(); }  // NOLINT(google-explicit-constructor)
  bool empty() const { return !p_; }
  friend bool operator==(const StringBox& a, std::string_view b) { return a.get() == b; }

 private:
  static const std::string& empty_string() {
    static const std::string kEmpty;
    return kEmpty;
  }
  std::unique_ptr<std::string> p_;
};

/// One point or stretch of time in a NÄR: `maj`, `5 maj`, `slutet av maj`, `vecka 12-14`,
/// `Q2`, `T1`, `under året`, `varje månad`. Small fields in small types: 100,000 steps hold
/// one or more each (56 bytes, not 104).
struct Atom {
  Atom() = default;
  /// An atom of `kind` with its month, day, part of month, number and last number, at `where`.
  Atom(AtomKind kind, int month, int day, MonthPart part, int number, int number_to, Location where)
      : kind(kind),
        part(part),
        month(static_cast<std::int16_t>(month)),
        day(static_cast<std::int16_t>(day)),
        number(number),
        number_to(number_to),
        where(where) {}

  AtomKind kind = AtomKind::month;
  MonthPart part = MonthPart::early;
  // anchored days: `3 dagar före terminsstart ht`, `måndagen efter första advent`,
  // `7 dagar före nämndmöte`; `number` is the term (0 both, 1 vt, 2 ht) or the NamedDay
  Anchor anchor = Anchor::none;
  std::int16_t month = 0;       ///< 1-12, 0 when the month name was not understood
  std::int16_t day = 0;         ///< 1-31 (two digits at most)
  std::int16_t weekday = 0;     ///< 1 Monday .. 7 Sunday
  std::int16_t ordinal = 0;     ///< 1-4, or -1 for `sista`
  std::int16_t month_to = 0;    ///< `varje måndag september–december`: the last month, else 0
  std::int16_t weekday_to = 0;  ///< last day of `tisdag–torsdag vecka 39`, else 0
  int number = 0;               ///< week, quarter or tertial number
  int number_to = 0;            ///< last week of `vecka 12-14`, else 0
  int year = 0;                 ///< of a date
  int offset = 0;  ///< days after (+) or before (-) the anchor; with `weekday` the sign only
  Location where;
  StringBox name{};  ///< the step counted from
};

inline bool repeats(const Atom& a) {
  bool both_terms = (a.kind == AtomKind::anchored &&
                     (a.anchor == Anchor::term_start || a.anchor == Anchor::term_end)) &&
                    a.number == 0;
  return a.kind == AtomKind::every_month || a.kind == AtomKind::every_weekday ||
         a.kind == AtomKind::every_week || a.kind == AtomKind::every_other_week ||
         a.kind == AtomKind::before_each_term || both_terms ||
         (a.kind == AtomKind::anchored && a.anchor == Anchor::step) ||
         (a.kind == AtomKind::nth_weekday && a.month == 0);
}

/// How many windows an occurrence gives at least (a month has four of each weekday).
inline std::size_t occurrences_at_least(const Atom& a) {
  if (!repeats(a)) return 1;
  if (a.kind == AtomKind::anchored) return a.anchor == Anchor::step ? 1 : 2;
  if (a.kind == AtomKind::before_each_term) return 2;
  if (a.kind == AtomKind::every_weekday && a.month_to != 0)
    return 4 * static_cast<std::size_t>((a.month_to - a.month + 12) % 12 + 1);
  if (a.kind == AtomKind::every_week || a.kind == AtomKind::every_weekday) return 52;
  return a.kind == AtomKind::every_other_week ? 26 : 12;
}

/// A time of day, `kl 16.00–17.00` (or `kl 9`: one hour), in minutes after midnight.
struct TimeOfDay {
  int start = 0;
  int end = 0;
  friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
};

/// An optional value kept on the heap: the size of a pointer when empty. Copies copy the value.
template <typename T>
class OptionalBox {
 public:
  OptionalBox() = default;
  OptionalBox(std::nullopt_t) {}  // NOLINT(google-explicit-constructor): as std::optional
  OptionalBox(const OptionalBox& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  OptionalBox(OptionalBox&&) noexcept = default;
  OptionalBox& operator=(const OptionalBox& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  OptionalBox& operator=(OptionalBox&&) noexcept = default;
  OptionalBox& operator=(T value) {
    p_ = std::make_unique<T>(std::move(value));
    return *this;
  }

  OptionalBox& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }
  OptionalBox& operator=(std::optional<T> value) {
    p_ = value ? std::make_unique<T>(std::move(*value)) : nullptr;
    return *this;
  }
  ~OptionalBox() = default;

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  void reset() { p_.reset(); }
  /// A copy as a std::optional, for code that takes one.
  operator std::optional<T>() const {  // NOLINT(google-explicit-constructor): as std::optional
    return p_ ? std::optional<T>(*p_) : std::nullopt;
  }

 private:
  std::unique_ptr<T> p_;
};

/// A vector that is mostly empty, kept on the heap: the size of a pointer when empty (a
/// step's links, UTFALL and ENHETER; 100,000 steps hold one each). Reads as a const
/// std::vector (empty when nothing is there); push_back, emplace_back and assignment fill it.
template <typename T>
class VectorBox {
 public:
  using value_type = T;
  using const_iterator = typename std::vector<T>::const_iterator;
  using iterator = typename std::vector<T>::iterator;

  VectorBox() = default;
  VectorBox(std::vector<T> v) { *this = std::move(v); }  // NOLINT(google-explicit-constructor)
  VectorBox(const VectorBox& o) : p_(o.p_ ? std::make_unique<std::vector<T>>(*o.p_) : nullptr) {}
  VectorBox(VectorBox&&) noexcept = default;
  VectorBox& operator=(const VectorBox& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<std::vector<T>>(*o.p_) : nullptr;
    return *this;
  }
  VectorBox& operator=(VectorBox&&) noexcept = default;
  VectorBox& operator=(std::vector<T> v) {
    p_ = v.empty() ? nullptr : std::make_unique<std::vector<T>>(std::move(v));
    return *this;
  }
  ~VectorBox() = default;

  const std::vector<T>& get() const { return p_ ? *p_ : empty_vector(); }
  operator const std::vector<T>&() const { return get(); }  // NOLINT(google-explicit-constructor)
  bool empty() const { return !p_ || p_->empty(); }
  std::size_t size() const { return p_ ? p_->size() : 0; }
  const_iterator begin() const { return get().begin(); }
  const_iterator end() const { return get().end(); }
  iterator begin() { return p_ ? p_->begin() : iterator(); }
  iterator end() { return p_ ? p_->end() : iterator(); }
  const T& front() const { return p_->front(); }
  const T& back() const { return p_->back(); }
  const T& operator[](std::size_t i) const { return (*p_)[i]; }
  T& operator[](std::size_t i) { return (*p_)[i]; }
  void push_back(T value) { filled().push_back(std::move(value)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return filled().emplace_back(std::forward<Args>(args)...);
  }
  void clear() { p_.reset(); }
  /// std::erase_if on the elements.
  template <typename Pred>
  void erase_if(Pred pred) {
    if (p_) std::erase_if(*p_, pred);
  }
  friend bool operator==(const VectorBox& a, const VectorBox& b) { return a.get() == b.get(); }

 private:
  static const std::vector<T>& empty_vector() {
    static const std::vector<T> kEmpty;
    return kEmpty;
  }
  std::vector<T>& filled() {
    if (!p_) p_ = std::make_unique<std::vector<T>>();
    return *p_;
  }
  std::unique_ptr<std::vector<T>> p_;
};

/// One occurrence of a step in a cycle: an atom or a range `a - b`, maybe `nästa år`. The end
/// of a range is on the heap: most occurrences are no range (96 bytes, not 256).
struct Occurrence {
  Atom from;
  OptionalBox<Atom> to;
  Location where;
  std::optional<TimeOfDay> time;  ///< `kl 16.00–17.00` after a day
  bool next_year = false;
};
static_assert(sizeof(Atom) <= 56 && sizeof(Occurrence) <= 96);

/// The whole NÄR: one or more occurrences, and the text as written for display.
struct When {
  std::vector<Occurrence> occurrences;
  std::string text;
  Location where;
};

/// `SENAST 31 december [nästa år]`.
struct DayMonth {
  int day = 0;
  int month = 0;
  bool next_year = false;
  Location where;
};

struct RoleRefSyntax {
  Name role;
  bool if_needed = false;  ///< `(vid behov)`
};

struct ConditionSyntax {
  Name step;
  Name outcome;
};

/// In EFTER, a step of another process (`budget.anvisningar`: `process` is set) or of the cycle
/// before (`rapport förra cykeln`), or both.
struct LinkSyntax {
  std::optional<Name> process;
  Name step;
  bool previous_cycle = false;
};

struct EverySyntax {
  int years = 0;
  int from = 0;
  Location where;
};

/// One condition of ENHETER or of `stängt ... för`: `skolform = grundskola, anpassad grundskola`,
/// matched against the roster column of that name (compared without case and diacritics).
struct UnitCondition {
  Name attribute;
  std::vector<Name> values;  ///< any of them
};
/// ENHETER: every condition must hold (`skolform = grundskola; område = Nord`). Empty: all units.
using UnitFilter = std::vector<UnitCondition>;

/// `stängt 2026-12-23 - 2027-01-06 för skolform = fritidshem`: closed days of some units only.
struct UnitClosed {
  ClosedPeriod period;
  UnitFilter filter;
};

struct StepSyntax {
  Name id;
  std::string title;                ///< `steg ID "Titel"`
  std::optional<std::string> link;  ///< LÄNK
  std::optional<When> when;
  std::optional<DayMonth> deadline;
  std::optional<std::vector<RoleRefSyntax>> who;
  std::optional<std::string> what;
  std::vector<Name> after;
  std::vector<LinkSyntax> links;  ///< EFTER's steps of another process or the cycle before
  std::optional<Name> type;
  std::vector<Name> tags;
  std::optional<ConditionSyntax> condition;
  std::optional<EverySyntax> every;
  std::vector<Name> outcomes;
  std::optional<int> lead_days;
  std::optional<int> escalate_days;
  std::optional<Shift> shift;  ///< FLYTTA: what a deadline on a closed day does
  UnitFilter units;            ///< ENHETER: the units a per-unit step is for
  bool broken = false;         ///< a syntax error inside the step: skip checks that would cascade
};

struct RoleSyntax {
  Name name;
  bool per_unit = false;
  bool per_area = false;  ///< `per område`: one task per område of the roster
  std::vector<Name> aliases;
  std::optional<Name> reports_to;
};

/// A cycle is named by the year it starts in; its value is the month it starts in: January
/// (kalenderår), August (läsår) or any month (`cykel från november`).
enum class CycleKind : int { calendar_year = 1, school_year = 8 };
inline int start_month(CycleKind kind) {
  return static_cast<int>(kind);
}
inline CycleKind cycle_from(int month) {
  return static_cast<CycleKind>(month);
}

/// `gäller 2019` or `gäller 2019–2022`: the cycles a process applies to.
struct YearRange {
  int first = 0;
  int last = 0;
  Location where;
};

struct ProcessSyntax {
  Name id;
  std::string title;
  CycleKind cycle = CycleKind::calendar_year;
  std::optional<int> lead_days;
  std::optional<int> escalate_days;
  std::optional<YearRange> valid;
};

/// The kinds of the plan's items: the verksamhetsplan beside the process steps.
enum class ItemKind { perspective, goal, activity, measure };

/// A perspective, goal, activity or measure as written. One struct for the four kinds:
/// they share the header form and VAD/VEM/MÅL; which fields a kind takes is checked
/// when the field is read.
struct ItemSyntax {
  ItemKind kind = ItemKind::goal;
  Name id;
  std::string title;
  std::optional<std::string> what;                ///< VAD
  std::optional<std::vector<RoleRefSyntax>> who;  ///< VEM
  std::optional<Name> level;                      ///< NIVÅ (goal)
  std::optional<Name> perspective;                ///< PERSPEKTIV (goal)
  std::optional<Name> parent;                     ///< UNDER (goal)
  std::vector<Name> goals;                        ///< MÅL (activity, measure)
  std::optional<When> due;                        ///< KLART (activity)
  std::optional<std::string> measure_unit;        ///< ENHET (measure)
  std::optional<Name> direction;                  ///< RIKTNING (measure)
  std::optional<double> target;                   ///< MÅLVÄRDE (measure)
  std::vector<int> tertials;                      ///< UPPFÖLJNING (measure)
  std::vector<Name> tags;                         ///< TAGG
  bool broken = false;
};

struct IncludeSyntax {
  std::string path;
  Location where;
};

/// Everything one file declares, in source order per kind.
struct FileSyntax {
  std::string path;
  std::optional<ProcessSyntax> process;
  bool process_header_seen = false;  ///< even one with a syntax error (no cascade of errors)
  bool include_broken = false;       ///< an include line had a syntax error: names may be missing
  std::vector<ClosedPeriod> closed;  ///< `stängt` and `lov` under process or kalender
  std::vector<UnitClosed> unit_closed;  ///< `stängt ... för skolform = fritidshem`
  std::vector<Term> terms;              ///< `termin` under process or kalender
  std::optional<Shift> shift;           ///< FLYTTA under process or kalender
  std::vector<RoleSyntax> roles;
  std::vector<StepSyntax> steps;
  std::vector<ItemSyntax> items;
  std::vector<IncludeSyntax> includes;
};

}  // namespace arshjul::dsl
