#include "dsl/parser.hpp"

#include "dsl/months.hpp"
#include "dsl/parser_fields.hpp"
#include "dsl/parser_headers.hpp"
#include "dsl/parser_state.hpp"
#include "dsl/parser_when.hpp"

namespace arshjul::dsl {
namespace parsing {
namespace {

void report(State& st, const SyntaxError& e) {
  if (st.include_pending) st.file.include_broken = true;
  st.include_pending = false;
  st.error(e.where, e.msg, {e.found});
  if (st.line_indent == 0) {
    st.mark_broken();          // the line may have been one of its fields, written unindented
    st.block = Block::broken;  // a broken header: its fields must not land in the block above
    st.in_what = false;
  } else {
    st.mark_broken();
  }
}

}  // namespace
}  // namespace parsing

const std::vector<std::string>& month_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& m : kMonths) names.emplace_back(m.sv);
    return names;
  }();
  return kNames;
}

ParseResult parse_rules(std::string_view text, const std::string& path) {
  using namespace parsing;
  State st;
  st.file.path = path;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
  pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(text.data(), text.size(), path);
  while (!in.empty()) {
    st.begin_line();
    const auto* before = in.current();
    try {
      pg::parse<gr::line, action, control>(in, st);
    } catch (const SyntaxError& e) {
      report(st, e);
      pg::parse<gr::skip_line>(in);
    }
    if (in.current() == before) pg::parse<gr::skip_line>(in);  // always make progress
  }
  return {std::move(st.file), std::move(st.diagnostics)};
}

}  // namespace arshjul::dsl
