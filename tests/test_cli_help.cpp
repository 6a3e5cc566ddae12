// The help of every command in the run's language (issue 13, item 3): the commands' and
// options' descriptions come from the catalogue (dsl/texts/help.inc), so `--lang en CMD
// --help` has no Swedish but the rule language's own words, and `CMD --help` is still
// Swedish. The configuration file's errors, read before the file gives the language, are in
// the language of --lang or ARSHJUL_LANG, else Swedish; a value given on the command line is
// located there in the run's language.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/messages.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;
namespace fs = std::filesystem;

namespace {

/// `arshjul --lang LANG args... --help`, run where no configuration is found.
test::CommandResult help(const std::string& lang, const std::vector<std::string>& args,
                         const fs::path& scratch) {
  std::string cmd = "cd " + test::shell_quote(scratch.parent_path().string()) +
                    " && env -u ARSHJUL_CONFIG -u ARSHJUL_LANG " +
                    test::shell_quote(ARSHJUL_BINARY) + " --lang " + lang;
  for (const auto& a : args) cmd += " " + test::shell_quote(a);
  return test::run_command(cmd + " --help </dev/null", scratch);
}

/// The commands a help lists under its heading `heading` ("Subcommands:" in English).
std::vector<std::string> commands_listed(const std::string& text, const std::string& heading) {
  std::vector<std::string> out;
  std::istringstream in(text);
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line == heading) {
      listing = true;
    } else if (listing && line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (listing && !line.empty()) {
      listing = false;
    }
  }
  return out;
}

/// The words of `text` (letters, digits, '_' and every non-ASCII byte) that have å, ä or ö.
std::set<std::string> swedish_words(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  for (char c : text + " ") {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_' || u >= 0x80) {
      word += c;
      continue;
    }
    for (const char* letter : {"å", "ä", "ö", "Å", "Ä", "Ö"})
      if (word.find(letter) != std::string::npos) out.insert(word);
    word.clear();
  }
  return out;
}

/// A command path as it is typed.
std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

/// Every command path (`status`, `store migrate`, ...) and the help of each, in `lang`,
/// found from the top-level help down.
std::vector<std::pair<std::vector<std::string>, std::string>> every_help(const std::string& lang,
                                                                         const fs::path& scratch) {
  const std::string heading = std::string(dsl::tr<dsl::Msg::cli_label_commands>(
                                  lang == "en" ? dsl::Lang::en : dsl::Lang::sv)) +
                              ":";
  std::vector<std::pair<std::vector<std::string>, std::string>> out;
  std::vector<std::vector<std::string>> todo{{}};
  while (!todo.empty()) {
    auto path = todo.back();
    todo.pop_back();
    auto r = help(lang, path, scratch);
    INFO(lang << " help of '" << joined(path) << "': " << r.err);
    REQUIRE(r.exit_code == 0);
    for (const auto& sub : commands_listed(r.out, heading)) {
      auto next = path;
      next.push_back(sub);
      todo.push_back(next);
    }
    out.emplace_back(path, r.out);
  }
  return out;
}

/// The text of `s` up to its first placeholder.
std::string before_placeholder(const char* s) {
  std::string text = s;
  return text.substr(0, text.find('{'));
}

}  // namespace

TEST_CASE("every command's help is English with --lang en and Swedish without", "[cli]") {
  test::TempDir dir("cli-help-all");
  const auto en = every_help("en", dir.path() / "r");
  const auto sv = every_help("sv", dir.path() / "r");
  REQUIRE(en.size() == sv.size());
  CHECK(en.size() > 20);  // arshjul itself and every command
  // The rule language's words, which are parsed as they are written: the CSV columns of
  // `import` (process,år,mätetal,...,värde).
  const std::set<std::string> vocabulary{"år", "mätetal", "värde"};
  std::string all_en, all_sv;
  for (const auto& [path, text] : en) {
    INFO("arshjul --lang en " << joined(path) << " --help:\n" << text);
    for (const auto& word : swedish_words(text)) {
      INFO(word);
      CHECK(vocabulary.count(word) == 1);
    }
    all_en += text;
  }
  for (const auto& [path, text] : sv) {
    INFO("arshjul " << joined(path) << " --help:\n" << text);
    CHECK(text.find("\nOptions:") == std::string::npos);  // CLI11's heading, not the catalogue's
    all_sv += text;
  }
  // Every help text of the catalogue shows, in the language asked for.
  int help_texts = 0;
  for (const auto& e : dsl::kCatalogue) {
    if (std::string(e.key).rfind("cli_help_", 0) != 0) continue;
    ++help_texts;
    INFO(e.key);
    CHECK(all_en.find(before_placeholder(e.en)) != std::string::npos);
    CHECK(all_sv.find(before_placeholder(e.sv)) != std::string::npos);
  }
  CHECK(help_texts > 100);
  // Swedish is the default, and what the help said before.
  auto status = help("sv", {"status"}, dir.path() / "r");
  CHECK(status.out.find("vad varje roll och enhet ska göra: försenat, blockerat, snart") !=
        std::string::npos);
  CHECK(status.out.find("--role TEXT                 bara den här rollen") != std::string::npos);
  auto status_en = help("en", {"status"}, dir.path() / "r");
  CHECK(status_en.out.find("--role TEXT                 only this role") != std::string::npos);
  auto serve = help("en", {"serve"}, dir.path() / "r");
  CHECK(serve.out.find("entries the web view takes per task (default 20)") != std::string::npos);
}

TEST_CASE("the configuration's errors are in the language of --lang or ARSHJUL_LANG", "[cli]") {
  test::TempDir dir("cli-config-lang");
  dir.write("arshjul.toml", "rules = \"regler\"\nstroe = \"store.db\"\nlang = \"en\"\n");
  auto run = [&](const std::string& env, const std::string& args) {
    return test::run_command("cd " + test::shell_quote(dir.path().string()) +
                                 " && env -u ARSHJUL_CONFIG -u ARSHJUL_LANG " + env + " " +
                                 test::shell_quote(ARSHJUL_BINARY) + " " + args + " </dev/null",
                             dir.path() / "r");
  };
  // The file's own `lang` is not known while it is read: Swedish unless the run says.
  auto plain = run("", "status");
  CHECK(plain.exit_code == 2);
  CHECK(plain.err == "arshjul: arshjul.toml:2:1: okänd inställning 'stroe'\n");
  auto flag = run("", "--lang en status");
  CHECK(flag.exit_code == 2);
  CHECK(flag.err == "arshjul: arshjul.toml:2:1: unknown setting 'stroe'\n");
  auto env = run("ARSHJUL_LANG=en", "status");
  CHECK(env.err == "arshjul: arshjul.toml:2:1: unknown setting 'stroe'\n");
  auto missing = run("ARSHJUL_LANG=en", "--config nosuch.toml status");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "arshjul: nosuch.toml: the configuration file does not exist\n");
  dir.write("arshjul.toml", "lang = \"fr\"\n");
  CHECK(run("", "--lang=en status").err ==
        "arshjul: arshjul.toml:1:8: 'lang' must be \"sv\" or \"en\"\n");
}

TEST_CASE("a value given on the command line is located there in the run's language", "[cli]") {
  test::TempDir dir("cli-given");
  const std::string src = ARSHJUL_SOURCE_DIR;
  const std::vector<std::string> args{"done",     "no_such_step",
                                      "--year",   "2026",
                                      "--rules",  src + "/rules",
                                      "--roster", src + "/examples/roster.csv",
                                      "--store",  (dir.path() / "s.db").string()};
  auto sv = test::run_arshjul(dir.path(), args, dir.path() / "r");
  CHECK(sv.exit_code == 2);
  CHECK(sv.err.rfind("kommandoraden: error: okänt steg 'no_such_step'", 0) == 0);
  std::string cmd = "cd " + test::shell_quote(dir.path().string()) + " && " +
                    test::shell_quote(ARSHJUL_BINARY) + " --lang en";
  for (const auto& a : args) cmd += " " + test::shell_quote(a);
  auto en = test::run_command(cmd + " </dev/null", dir.path() / "r");
  CHECK(en.exit_code == 2);
  CHECK(en.err.rfind("the command line: error: unknown step 'no_such_step'", 0) == 0);
}
