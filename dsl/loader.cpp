#include "dsl/loader.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "dsl/compiler.hpp"
#include "dsl/input_file.hpp"
#include "dsl/links.hpp"
#include "dsl/parser.hpp"

namespace arshjul::dsl {
namespace fs = std::filesystem;

namespace {

class Loader {
 public:
  Loader(RuleSet& out, int year) : out_(out), year_(year) {}

  /// Reads and parses `path` once; nullptr when it cannot be read (reported at `from`). The
  /// steps `sink` takes while it is read are not in its syntax.
  FileSyntax* parse(const std::string& spelled, const Location& from, Msg msg,
                    StepSink* sink = nullptr) {
    const std::string& path = first_spelling(spelled);
    if (auto it = parsed_.find(path); it != parsed_.end()) {
      if (!it->second || !consumed_.erase(path)) return it->second.get();
      // A process compiled before took its steps: parsed again from the text read then, its
      // errors already reported.
      it->second =
          std::make_unique<FileSyntax>(parse_rules(*out_.sources.text(path), path, sink).file);
      return it->second.get();
    }
    std::string text;
    if (auto failed = read_input_file(path, kMaxRuleFileBytes, from, msg, text)) {
      out_.diagnostics.push_back(std::move(*failed));
      return nullptr;
    }
    return parse_text(path, std::move(text), sink);
  }

  /// Parses `content` as the text of `path` (and remembers it: a later parse of `path` reads
  /// this text, not the file).
  FileSyntax* parse_text(const std::string& spelled, std::string content,
                         StepSink* sink = nullptr) {
    const std::string& path = first_spelling(spelled);
    if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);  // shown lines without BOM
    // Text that is not UTF-8 (a file saved as Windows-1252) is said once, not as a parse
    // error on every line with å, ä or ö.
    if (auto fault = text_fault(content, true, Location{path, 1, 1})) {
      out_.sources.add(path, std::move(content));
      out_.diagnostics.push_back(std::move(*fault));
      return parsed_.emplace(path, nullptr).first->second.get();
    }
    out_.sources.add(path, std::move(content));
    auto result = parse_rules(*out_.sources.text(path), path, sink);
    append(result.diagnostics);
    auto [it, fresh] = parsed_.emplace(path, std::make_unique<FileSyntax>(std::move(result.file)));
    return it->second.get();
  }

  /// Compiles `root` with everything it includes.
  void compile_root(const std::string& spelled) {
    const std::string& root = first_spelling(spelled);
    if (!roots_.insert(root).second) return;  // one file, named twice
    std::vector<Diagnostic> errors;
    Compilation compilation(errors);  // takes each step as soon as it is parsed
    FileSyntax* file = parse(root, Location{root, 0, 0}, Msg::cannot_read, &compilation.sink());
    if (!file) return;
    std::vector<FileSyntax*> files;
    std::vector<std::string> stack;
    std::set<std::string> done;
    gather(*file, files, stack, done, compilation);
    if (auto p = compilation.finish(files, year_)) out_.processes.push_back(std::move(*p));
    for (const auto* f : files) consumed_.insert(f->path);  // compile took their steps
    append(errors);
  }

  bool has_process(const std::string& spelled) {
    const std::string& path = first_spelling(spelled);
    if (auto it = parsed_.find(path); it != parsed_.end()) return it->second && it->second->process;
    const FileSyntax* f = parse(path, Location{path, 0, 0}, Msg::cannot_read);
    return f && f->process;
  }

 private:
  void gather(FileSyntax& file, std::vector<FileSyntax*>& files, std::vector<std::string>& stack,
              std::set<std::string>& done, Compilation& compilation) {
    files.push_back(&file);
    compilation.add(file);
    done.insert(file.path);
    stack.push_back(file.path);
    for (const auto& inc : file.includes) {
      const std::string path = first_spelling(
          (fs::path(file.path).parent_path() / inc.path).lexically_normal().string());
      if (std::find(stack.begin(), stack.end(), path) != stack.end()) {
        std::string chain;
        for (const auto& s : stack) chain += s + " -> ";
        out_.diagnostics.push_back({inc.where, Msg::include_cycle, {chain + path}, {}});
        continue;
      }
      if (done.count(path)) continue;  // already part of this process (included twice)
      FileSyntax* child = parse(path, inc.where, Msg::include_missing, &compilation.sink());
      if (!child) continue;
      if (child->process)
        out_.diagnostics.push_back(
            {child->process->id.where, Msg::include_has_process, {stack.front()}, {}});
      gather(*child, files, stack, done, compilation);
    }
    stack.pop_back();
  }

  void append(std::vector<Diagnostic>& ds) {
    out_.diagnostics.insert(out_.diagnostics.end(), std::make_move_iterator(ds.begin()),
                            std::make_move_iterator(ds.end()));
  }

  /// The path a file was first met by: a file reached by two spellings (through a symbolic
  /// link) is one file, read once and its errors said once, at the path first met.
  const std::string& first_spelling(const std::string& path) {
    std::error_code ec;
    auto real = fs::weakly_canonical(path, ec);
    return spellings_.try_emplace(ec ? path : real.string(), path).first->second;
  }

  RuleSet& out_;
  int year_;
  std::map<std::string, std::string> spellings_;  ///< canonical path -> the path first met
  std::set<std::string> roots_;                   ///< the files compiled as processes
  std::map<std::string, std::unique_ptr<FileSyntax>> parsed_;
  std::set<std::string> consumed_;  // files whose steps a compiled process took
};

// A library included by several files reports its errors once.
void sort_unique(std::vector<Diagnostic>& ds) {
  sort_diagnostics(ds);
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.where == b.where && a.msg == b.msg && a.args == b.args;
  };
  ds.erase(std::unique(ds.begin(), ds.end(), same), ds.end());
}

// Errors stay in `diagnostics`; warnings move to their own list.
void finish(RuleSet& out) {
  sort_unique(out.diagnostics);
  auto warning = [](const Diagnostic& d) { return d.warning; };
  std::copy_if(out.diagnostics.begin(), out.diagnostics.end(), std::back_inserter(out.warnings),
               warning);
  std::erase_if(out.diagnostics, warning);
}

RuleSet load_paths(const std::vector<fs::path>& paths, int check_year, bool read_folders);

// Links to a process not among those loaded (one file checked, or edited in the editor) are
// resolved against the other processes of the linking file's folder, read only for that.
void link(RuleSet& out, int year, bool read_folders) {
  std::vector<Process> others;
  if (read_folders && has_foreign_links(out.processes)) {
    std::set<fs::path> folders;
    for (const auto& p : out.processes)
      for (const auto& s : p.steps)
        for (const auto& l : s.links)
          if (!l.process.empty()) folders.insert(fs::path(l.where.file.str()).parent_path());
    auto known = [&](const std::string& id) {
      auto same = [&](const Process& q) { return q.id == id; };
      return std::any_of(out.processes.begin(), out.processes.end(), same) ||
             std::any_of(others.begin(), others.end(), same);
    };
    for (const auto& folder : folders) {
      RuleSet side = load_paths({folder.empty() ? fs::path(".") : folder}, year, false);
      for (auto& q : side.processes) {
        if (known(q.id)) continue;
        for (const auto& s : q.steps)  // the text an error or a definition points into
          if (!out.sources.text(s.where.file))
            if (const std::string* text = side.sources.text(s.where.file))
              out.sources.add(s.where.file, *text);
        others.push_back(std::move(q));
      }
    }
  }
  link_processes(out.processes, others, out.diagnostics);
  out.linked = std::move(others);
}

}  // namespace

RuleSet load_rules_with(const fs::path& path, std::string text, int check_year,
                        ForeignLinks links) {
  RuleSet out;
  Loader loader(out, check_year);
  loader.parse_text(path.string(), std::move(text));
  loader.compile_root(path.string());
  if (links == ForeignLinks::folder) link(out, check_year, true);
  finish(out);
  return out;
}

std::vector<fs::path> rule_files(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().extension() == ".arshjul") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

RuleSet load_rules(const std::vector<fs::path>& paths, int check_year) {
  return load_paths(paths, check_year, true);
}

namespace {

RuleSet load_paths(const std::vector<fs::path>& paths, int check_year, bool read_folders) {
  RuleSet out;
  Loader loader(out, check_year);
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      loader.compile_root(path.string());
      continue;
    }
    for (const auto& f : rule_files(path))
      if (loader.has_process(f.string())) loader.compile_root(f.string());
  }
  link(out, check_year, read_folders);
  finish(out);
  return out;
}

}  // namespace

}  // namespace arshjul::dsl
