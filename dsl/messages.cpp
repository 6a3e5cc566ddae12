#include "dsl/messages.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

namespace arshjul::dsl {

// Every entry of the catalogue, checked once here: a text missing in one language, a stray
// brace, or placeholders that differ between Swedish and English do not compile, and the
// error names the key.
#define ARSHJUL_TEXT(key, sv, en)                                             \
  static_assert(catalogue::entry_ok(sv, en), "message catalogue entry '" #key \
                                             "': both languages, the same placeholders in each");
#include "dsl/texts/all.inc"
#undef ARSHJUL_TEXT

std::string render(Msg id, const std::vector<std::string>& args, Lang lang) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args)
    store.push_back(a == kEndOfLineArg ? std::string(tr<Msg::end_of_line>(lang)) : a);
  for (std::size_t i = args.size(); i < 8; ++i) store.push_back(std::string());
  try {
    return fmt::vformat(raw_text(id, lang), store);
  } catch (const fmt::format_error&) {  // a format spec for numbers given a text: say it as is
    return raw_text(id, lang);
  }
}

}  // namespace arshjul::dsl
