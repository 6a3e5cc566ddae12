#include "cli/app.hpp"

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <string_view>

#include "cli/version.hpp"
#include "dsl/text.hpp"

namespace arshjul::cli {
namespace {

using dsl::Lang;
using dsl::Msg;
using dsl::say;
using dsl::tr;

/// The subcommand the parse reached (the deepest one given), else the application.
const CLI::App& reached(const CLI::App& app) {
  for (const auto* sub : app.get_subcommands())
    if (sub->parsed()) return reached(*sub);
  return app;
}

/// The flags `app` and (for a subcommand that falls through) its parents accept.
std::vector<std::string> flags_of(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* a = &app; a != nullptr; a = a->get_parent())
    for (const auto* opt : a->get_options()) {
      for (const auto& n : opt->get_lnames()) out.push_back("--" + n);
      for (const auto& n : opt->get_snames()) out.push_back("-" + n);
    }
  return out;
}

std::vector<std::string> commands_of(const CLI::App& app) {
  std::vector<std::string> out;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    out.push_back(sub->get_name());
  return out;
}

/// "; menade du 'status'?" when `word` is a likely typo of one of `candidates`.
std::string hint(const std::string& word, const std::vector<std::string>& candidates, Lang lang) {
  auto best = dsl::closest(word, candidates);
  if (!best || *best == word) return "";
  return dsl::render(Msg::did_you_mean, {*best}, lang);
}

/// The arguments nobody took, in order: what CLI11 left over, and what a hidden positional
/// at the top level took (`diff`'s paths after `--`, refused for every other command).
std::vector<std::string> leftovers(const CLI::App& app) {
  auto rest = app.remaining(true);
  for (const auto* opt : app.get_options([](const CLI::Option* o) { return o->get_positional(); }))
    rest.insert(rest.end(), opt->results().begin(), opt->results().end());
  return rest;
}

/// The arguments nobody took: an unknown command or flag (with a suggestion), a flag without
/// its value, else an unexpected argument.
std::string extras_text(const CLI::App& app, Lang lang) {
  const auto& at = reached(app);
  auto rest = leftovers(app);
  const auto flags = flags_of(at);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const auto& arg = rest[i];
    if (arg.size() < 2 || arg[0] != '-') continue;
    std::string flag = arg.substr(0, arg.find('='));
    if (std::find(flags.begin(), flags.end(), flag) == flags.end())
      return say<Msg::cli_unknown_option>(lang, flag) + hint(flag, flags, lang);
    if (i + 1 < rest.size())  // a known flag whose value CLI11 could not take
      return say<Msg::cli_cannot_convert>(lang, flag, rest[i + 1]);
    return say<Msg::cli_needs_value>(lang, flag);
  }
  if (&at == &app && !rest.empty())
    return say<Msg::cli_unknown_command>(lang, rest.front()) +
           hint(rest.front(), commands_of(app), lang);
  return say<Msg::cli_unexpected_arguments>(lang, fmt::join(rest, " "));
}

/// CLI11's message, when it is one of the forms it words as "NAME: VALUE not in {A,B}" or
/// "NAME is required", in the catalogue's words; else the generic text with CLI11's own.
std::string known_form(const CLI::App& app, const CLI::ParseError& e, Lang lang) {
  const std::string what = e.what();
  std::smatch m;
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what.rfind("A subcommand", 0) == 0)
      return leftovers(app).empty() ? tr<Msg::cli_command_required>(lang) : extras_text(app, lang);
    if (std::regex_match(what, m, std::regex("(.+) is required")))
      return say<Msg::cli_required>(lang, m[1].str());
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e) &&
      std::regex_match(what, m, std::regex("(.+): (.*) not in \\{(.*)\\}")))
    return say<Msg::cli_not_one_of>(lang, m[1].str(), m[2].str(), m[3].str());
  if (dynamic_cast<const CLI::ConversionError*>(&e) &&
      std::regex_match(what, m, std::regex("Could not convert: (.+) = (.*)")))
    return say<Msg::cli_cannot_convert>(lang, m[1].str(), m[2].str());
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) &&
      std::regex_match(what, m, std::regex("(.+): \\d+ required .* missing")))
    return say<Msg::cli_needs_value>(lang, m[1].str());
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) || dynamic_cast<const CLI::InvalidError*>(&e))
    return say<Msg::cli_argument_count>(lang, what);
  if (dynamic_cast<const CLI::ExcludesError*>(&e) &&
      std::regex_match(what, m, std::regex("(.+) excludes (.+)")))
    return say<Msg::cli_excludes>(lang, m[1].str(), m[2].str());
  if (dynamic_cast<const CLI::RequiresError*>(&e) &&
      std::regex_match(what, m, std::regex("(.+) requires (.+)")))
    return say<Msg::cli_requires>(lang, m[1].str(), m[2].str());
  return say<Msg::cli_bad_arguments>(lang, what);
}

/// CLI11's help, except that a hidden positional (`diff`'s paths after `--`, taken at the top
/// level) does not show as a stray "[...]" in the usage line.
class Formatter : public CLI::Formatter {
 public:
  std::string make_usage(const CLI::App* app, std::string name) const override {
    std::string usage = CLI::Formatter::make_usage(app, std::move(name));
    for (auto at = usage.find(" [...]"); at != std::string::npos; at = usage.find(" [...]"))
      usage.erase(at, 6);
    return usage;
  }
};

}  // namespace

Lang language_of(int argc, char** argv, std::string_view fallback) {
  std::string_view lang = fallback;
  if (const char* env = std::getenv("ARSHJUL_LANG")) lang = env;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    if (a == "--lang" && i + 1 < argc) lang = argv[i + 1];
    if (a.rfind("--lang=", 0) == 0) lang = a.substr(7);
  }
  return lang == "en" ? Lang::en : Lang::sv;
}

std::string version_text(Lang lang) {
  std::string_view revision = git_revision();
  return say<Msg::cli_version>(
      lang, std::string(version()),
      revision.empty() ? std::string(tr<Msg::cli_no_git_revision>(lang)) : std::string(revision));
}

void localize(CLI::App& app, Lang lang) {
  app.option_defaults()->group(tr<Msg::cli_label_options>(lang));
  app.set_help_flag("-h,--help", tr<Msg::cli_help_flag>(lang));
  app.set_version_flag("--version", version_text(lang), tr<Msg::cli_version_flag>(lang));
  auto f = std::make_shared<Formatter>();
  app.formatter(f);
  f->label("Usage", tr<Msg::cli_label_usage>(lang));
  f->label("OPTIONS", tr<Msg::cli_label_options_upper>(lang));
  f->label("Options", tr<Msg::cli_label_options>(lang));
  f->label("SUBCOMMAND", tr<Msg::cli_label_command_upper>(lang));
  f->label("SUBCOMMANDS", tr<Msg::cli_label_commands_upper>(lang));
  f->label("Subcommands", tr<Msg::cli_label_commands>(lang));
  f->label("Positionals", tr<Msg::cli_label_positionals>(lang));
  f->label("REQUIRED", tr<Msg::cli_label_required>(lang));
  f->label("Env", tr<Msg::cli_label_env>(lang));
  f->label("Needs", tr<Msg::cli_label_needs>(lang));
  f->label("Excludes", tr<Msg::cli_label_excludes>(lang));
}

void name_groups(CLI::App& app, Lang lang) {
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) sub->group(tr<Msg::cli_label_commands>(lang));
    // A command's help flag is made before it takes the option defaults: it would stand under
    // CLI11's own heading "Options".
    if (auto* help = sub->get_help_ptr()) help->group(tr<Msg::cli_label_options>(lang));
    name_groups(*sub, lang);
  }
}

std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e, Lang lang) {
  std::string text = dynamic_cast<const WordedParseError*>(&e)   ? std::string(e.what())
                     : dynamic_cast<const CLI::ExtrasError*>(&e) ? extras_text(app, lang)
                                                                 : known_form(app, e, lang);
  return say<Msg::cli_parse_error>(lang, text);
}

}  // namespace arshjul::cli
