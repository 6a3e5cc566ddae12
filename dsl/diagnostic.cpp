#include "dsl/diagnostic.hpp"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <unordered_set>

#include "dsl/text.hpp"

namespace arshjul::dsl {

namespace {

// The one copy of each file name (never freed: locations may outlive any owner). Each
// thread remembers the name it interned last, so a parser naming one file a million times
// takes the lock once.
const std::string* intern(std::string_view name) {
  thread_local const std::string* last = nullptr;
  if (last && *last == name) return last;
  static std::mutex mutex;
  static auto* names = new std::unordered_set<std::string>();  // NOLINT: lives for the program
  std::lock_guard lock(mutex);
  last = &*names->emplace(name).first;
  return last;
}

}  // namespace

FileName::FileName() {
  static const std::string* const kEmpty = intern({});
  name_ = kEmpty;
}
FileName::FileName(std::string_view name) : name_(intern(name)) {}
FileName::FileName(const std::string& name) : name_(intern(name)) {}
FileName::FileName(const char* name) : name_(intern(name)) {}

void Sources::add(const std::string& file, std::string text) {
  Text t{std::make_shared<const std::string>(std::move(text)), {}};
  const std::string_view all(*t.text);
  // Counted first: the table is kept as long as the rules, with no slack and never regrown.
  // Every reader limits its input far below 4 GiB; lines starting past that are not indexed.
  std::size_t lines = 1;
  for (auto nl = all.find('\n'); nl != std::string_view::npos; nl = all.find('\n', nl + 1)) ++lines;
  t.line_starts.reserve(lines);
  t.line_starts.push_back(0);
  for (auto nl = all.find('\n'); nl != std::string_view::npos && nl < UINT32_MAX;
       nl = all.find('\n', nl + 1))
    t.line_starts.push_back(static_cast<std::uint32_t>(nl + 1));
  texts_[file] = std::move(t);
}

const std::string* Sources::text(const std::string& file) const {
  auto it = texts_.find(file);
  return it == texts_.end() ? nullptr : it->second.text.get();
}

std::string_view Sources::line(const std::string& file, unsigned line) const {
  auto it = texts_.find(file);
  if (it == texts_.end() || line == 0 || line > it->second.line_starts.size()) return {};
  std::string_view rest(*it->second.text);
  rest.remove_prefix(std::min<std::size_t>(rest.size(), it->second.line_starts[line - 1]));
  rest = rest.substr(0, rest.find('\n'));
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

namespace {

unsigned char_column(std::string_view line, unsigned byte_column) {
  if (byte_column == 0) return 0;
  auto prefix = line.substr(0, std::min<std::size_t>(byte_column - 1, line.size()));
  return static_cast<unsigned>(utf8_length(prefix)) + 1;
}

// The caret line copies tabs from the source line so the caret lines up in any terminal.
std::string caret_line(std::string_view line, unsigned byte_column) {
  std::string caret;
  auto prefix = line.substr(0, std::min<std::size_t>(byte_column - 1, line.size()));
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto c = static_cast<unsigned char>(prefix[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: same character
    caret += c == '\t' ? '\t' : ' ';
  }
  return caret + '^';
}

}  // namespace

std::string format_location(const Location& where, const Sources& sources) {
  if (where.line == 0) return where.file;
  auto col = char_column(sources.line(where.file, where.line), where.column);
  return where.file.str() + ":" + std::to_string(where.line) + ":" + std::to_string(col);
}

std::string format(const Diagnostic& d, const Sources& sources, Lang lang) {
  // Input shown back (arguments, the source line) is made printable: a control character in
  // a file or an argument must not reach the terminal.
  std::string out = format_location(d.where, sources) + (d.warning ? ": warning: " : ": error: ") +
                    printable(render(d.msg, d.args, lang));
  if (d.suggestion) out += printable(render(Msg::did_you_mean, {*d.suggestion}, lang));
  out += '\n';
  if (d.where.line == 0) return out;
  auto line = sources.line(d.where.file, d.where.line);
  out += "  ";
  out += printable(line);
  out += "\n  " + caret_line(line, d.where.column) + "\n";
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
}

}  // namespace arshjul::dsl
