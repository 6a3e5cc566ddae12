#pragma once
// The message catalogue: every user-visible text of arshjul, in Swedish and English.
//
// One key type (Msg) and one table. The entries are written in the files of dsl/texts/, one
// per area, as ARSHJUL_TEXT(key, "Swedish", "English"); this header makes the enum and the
// table of them. Every entry is checked when messages.cpp compiles: both languages present and
// the same placeholders ({0}, {}, {:<10}) in both. A call site picks the text by key:
//
//   dsl::tr<Msg::menu_overview>(lang)         a text without placeholders (const char*)
//   dsl::say<Msg::days_late>(lang, t.days)    a text with its arguments, checked by fmt at
//                                             compile time in both languages
//   dsl::render(Msg::unknown_role, {name}, lang)
//                                             at run time, for diagnostics kept to be worded
//                                             later (arguments as strings, missing ones empty)
#include <fmt/format.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arshjul::dsl {

/// The language user-facing text is written in. Swedish first, English available.
enum class Lang { sv, en };

/// Identifies one text of the catalogue.
enum class Msg {
#define ARSHJUL_TEXT(key, sv, en) key,
#include "dsl/texts/all.inc"
#undef ARSHJUL_TEXT
};

/// One entry of the catalogue: the same text in both languages.
struct CatalogueEntry {
  const char* key;
  const char* sv;
  const char* en;
};

/// The catalogue, indexed by Msg.
inline constexpr CatalogueEntry kCatalogue[] = {
#define ARSHJUL_TEXT(key, sv, en) {#key, sv, en},
#include "dsl/texts/all.inc"
#undef ARSHJUL_TEXT
};

inline constexpr std::size_t kCatalogueSize = std::size(kCatalogue);

/// The entry of `id`.
constexpr const CatalogueEntry& entry(Msg id) {
  return kCatalogue[static_cast<std::size_t>(id)];
}
/// The raw text of `id` in `lang` (placeholders and "{{" as written in the table).
constexpr const char* raw_text(Msg id, Lang lang) {
  return lang == Lang::sv ? entry(id).sv : entry(id).en;
}

namespace catalogue {

/// One replacement field of a format string: which argument, with what format spec.
struct Field {
  int arg = -1;
  std::string_view spec;
};

/// The replacement fields of a format string, as fmt reads them; `ok` is false for an
/// unbalanced brace, a named argument or automatic and manual numbering mixed.
struct Fields {
  Field field[16];
  int count = 0;
  bool ok = true;
};

constexpr Fields fields_of(std::string_view s) {
  Fields out;
  int next_auto = 0;
  bool manual = false, automatic = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '}') {
      if (i + 1 < s.size() && s[i + 1] == '}') {
        ++i;
        continue;
      }
      out.ok = false;
      return out;
    }
    if (s[i] != '{') continue;
    if (i + 1 < s.size() && s[i + 1] == '{') {
      ++i;
      continue;
    }
    auto close = s.find('}', i);
    if (close == std::string_view::npos || out.count == 16) {
      out.ok = false;
      return out;
    }
    auto inner = s.substr(i + 1, close - i - 1);
    if (inner.find('{') != std::string_view::npos) {  // nested (dynamic width): not used
      out.ok = false;
      return out;
    }
    auto colon = inner.find(':');
    auto id = inner.substr(0, colon);
    Field f;
    f.spec = colon == std::string_view::npos ? std::string_view() : inner.substr(colon);
    if (id.empty()) {
      automatic = true;
      f.arg = next_auto++;
    } else {
      manual = true;
      f.arg = 0;
      for (char c : id) {
        if (c < '0' || c > '9') {
          out.ok = false;
          return out;
        }
        f.arg = f.arg * 10 + (c - '0');
      }
    }
    out.field[out.count++] = f;
    i = close;
  }
  out.ok = !(manual && automatic);
  return out;
}

/// True when every field of `a` (argument and spec) occurs in `b`.
constexpr bool fields_within(const Fields& a, const Fields& b) {
  for (int i = 0; i < a.count; ++i) {
    bool found = false;
    for (int j = 0; j < b.count && !found; ++j)
      found = a.field[i].arg == b.field[j].arg && a.field[i].spec == b.field[j].spec;
    if (!found) return false;
  }
  return true;
}

/// The check of one entry: both languages written, well-formed, and the same arguments with
/// the same format specs in both (in any order and any number of times).
constexpr bool entry_ok(std::string_view sv, std::string_view en) {
  if (sv.empty() || en.empty()) return false;
  auto a = fields_of(sv), b = fields_of(en);
  return a.ok && b.ok && fields_within(a, b) && fields_within(b, a);
}

/// True when `s` has no replacement field and no brace at all (usable as it is written).
constexpr bool plain(std::string_view s) {
  return s.find('{') == std::string_view::npos && s.find('}') == std::string_view::npos;
}

}  // namespace catalogue

/// The text `K` in `lang`, for a text without placeholders (checked at compile time).
template <Msg K>
constexpr const char* tr(Lang lang) {
  static_assert(catalogue::plain(entry(K).sv) && catalogue::plain(entry(K).en),
                "this text has placeholders: use say<K>(lang, args...)");
  return raw_text(K, lang);
}

/// The text `K` in `lang` with `a` put in; fmt checks both languages against the arguments at
/// compile time.
template <Msg K, typename... A>
std::string say(Lang lang, A&&... a) {
  if (lang == Lang::sv)
    return fmt::format(fmt::format_string<A...>(entry(K).sv), std::forward<A>(a)...);
  return fmt::format(fmt::format_string<A...>(entry(K).en), std::forward<A>(a)...);
}

/// An argument with this value renders as "radslut" / "end of line".
inline constexpr const char* kEndOfLineArg = "\n";

/// Renders message `id` with its positional arguments in `lang`, at run time (diagnostics keep
/// their key and arguments and are worded when printed). Missing arguments render as empty
/// text; it never throws for a known id.
std::string render(Msg id, const std::vector<std::string>& args, Lang lang);

/// An error worded by the catalogue, so each command says it in its --lang: what() is the
/// Swedish text (for logs and tests), text(lang) either language. Store and delivery errors
/// derive from it.
class WordedError : public std::runtime_error {
 public:
  WordedError(Msg id, std::vector<std::string> args)
      : std::runtime_error(render(id, args, Lang::sv)), id_(id), args_(std::move(args)) {}
  /// The message in `lang`.
  std::string text(Lang lang) const { return render(id_, args_, lang); }
  Msg id() const { return id_; }

 private:
  Msg id_;
  std::vector<std::string> args_;
};

}  // namespace arshjul::dsl
