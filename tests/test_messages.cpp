// The message catalogue (dsl/messages.hpp): every entry in both languages, the compile-time
// check of an entry's placeholders, and the ways call sites word a text.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "dsl/messages.hpp"
#include "engine/store.hpp"

using namespace arshjul::dsl;

TEST_CASE("every catalogue entry renders, non-empty, in Swedish and in English", "[messages]") {
  REQUIRE(kCatalogueSize > 300);
  std::set<std::string> keys;
  const std::vector<std::string> args{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
  for (std::size_t i = 0; i < kCatalogueSize; ++i) {
    const auto id = static_cast<Msg>(i);
    INFO(entry(id).key);
    CHECK(keys.insert(entry(id).key).second);  // one key, one entry
    for (auto lang : {Lang::sv, Lang::en}) {
      const std::string text = render(id, args, lang);
      CHECK(!text.empty());
      // Every placeholder was filled, except in a text with a number's format ({:02}), which
      // render() (text arguments) gives as written and say<> formats with numbers.
      if (std::string(raw_text(id, lang)).find("{:0") == std::string::npos)
        CHECK(text.find('{') == std::string::npos);
    }
    CHECK(catalogue::entry_ok(entry(id).sv, entry(id).en));
  }
}

TEST_CASE("the entry check wants both languages and the same placeholders", "[messages]") {
  using catalogue::entry_ok;
  STATIC_REQUIRE(entry_ok("{} dagar sen", "{} days late"));
  STATIC_REQUIRE(entry_ok("{0} {1} finns inte: {1}", "{0} {1} does not exist: {1}"));
  STATIC_REQUIRE(entry_ok("{1} före {0}", "{0} before {1}"));  // any order
  STATIC_REQUIRE(entry_ok("  {:<10} x", "  {:<10} y"));
  STATIC_REQUIRE(entry_ok("{{literal}} {}", "{{literal}} {}"));
  STATIC_REQUIRE(!entry_ok("", "English only"));
  STATIC_REQUIRE(!entry_ok("bara svenska", ""));
  STATIC_REQUIRE(!entry_ok("{} dagar", "days"));     // an argument missing in English
  STATIC_REQUIRE(!entry_ok("{} och {}", "{} and"));  // one argument fewer
  STATIC_REQUIRE(!entry_ok("{0} {1}", "{0} {2}"));   // another argument
  STATIC_REQUIRE(!entry_ok("{:<10}", "{:>10}"));     // another format spec
  STATIC_REQUIRE(!entry_ok("{0} {}", "{0} {}"));     // numbering mixed
  STATIC_REQUIRE(!entry_ok("stray } brace", "stray } brace"));
  STATIC_REQUIRE(!entry_ok("{name}", "{name}"));  // named arguments are not used
  STATIC_REQUIRE(catalogue::plain("klar"));
  STATIC_REQUIRE(!catalogue::plain("klar {}"));
}

TEST_CASE("say, tr and render word a text in the language asked for", "[messages]") {
  CHECK(say<Msg::days_late>(Lang::sv, 3) == "3 dagar sen");
  CHECK(say<Msg::days_late>(Lang::en, 3) == "3 days late");
  CHECK(std::string(tr<Msg::state_overdue>(Lang::sv)) == "försenad");
  CHECK(std::string(tr<Msg::state_overdue>(Lang::en)) == "overdue");
  CHECK(render(Msg::unknown_role, {"Rektorr"}, Lang::sv) == "okänd roll 'Rektorr'");
  CHECK(render(Msg::unknown_role, {}, Lang::en) == "unknown role ''");  // missing: empty
  CHECK(render(Msg::expected_end_of_line, {kEndOfLineArg}, Lang::en) ==
        "expected end of line, got end of line");
}

TEST_CASE("a store error says what happened in the command's language", "[messages]") {
  const arshjul::engine::StoreError e(Msg::store_busy, {"x.db", "database is locked"});
  CHECK(std::string(e.what()) == "x.db: upptaget av ett annat program (database is locked)");
  CHECK(e.text(Lang::sv) == e.what());
  CHECK(e.text(Lang::en) == "x.db: in use by another program (database is locked)");
}
