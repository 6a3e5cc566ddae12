#include "lsp/document.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "dsl/text.hpp"

namespace arshjul::lsp {

std::string uri_to_path(std::string_view uri) {
  constexpr std::string_view kFile = "file://";
  if (uri.substr(0, kFile.size()) != kFile) return std::string(uri);
  std::string out;
  for (std::size_t i = kFile.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

std::string path_to_uri(std::string_view path) {
  std::string out = "file://";
  for (char c : path) {
    auto b = static_cast<unsigned char>(c);
    bool plain = std::isalnum(b) || std::string_view("/-._~").find(c) != std::string_view::npos;
    out += plain ? std::string(1, c) : fmt::format("%{:02X}", b);
  }
  return out;
}

bool word_byte(char c) {
  auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || std::isalnum(b) || c == '_' || c == '-' || c == '.' || c == ':';
}

void Lines::view(std::string_view text) {
  text_ = text;
  line_starts_.assign(1, 0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

// A Document owns its text and its Lines view it (never changed: a change makes a new one).
Document::Document(std::string uri, std::string text, int year)
    : uri_(std::move(uri)), path_(uri_to_path(uri_)), text_(std::move(text)), year_(year) {
  view(text_);
  auto parsed = dsl::parse_rules(text_, path_);
  syntax_ = std::move(parsed.file);
  if (syntax_.process || syntax_.process_header_seen) {
    rules_ = dsl::load_rules_with(path_, text_, year_);
  } else {  // a library of roles or steps: checked where a process includes it
    rules_.sources.add(path_, text_);
    rules_.diagnostics = std::move(parsed.diagnostics);
  }
}

std::string_view Lines::line(unsigned line0) const {
  if (line0 >= line_starts_.size()) return {};
  std::string_view rest = text_.substr(line_starts_[line0]);
  auto end = rest.find('\n');
  rest = rest.substr(0, end);
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

std::size_t Lines::byte_column(unsigned line0, unsigned character) const {
  auto l = line(line0);
  std::size_t at = 0;
  for (unsigned units = 0; at < l.size() && units < character;)
    units += dsl::next_code_point(l, at) > 0xFFFF ? 2 : 1;
  return at;
}

nlohmann::json Lines::position(unsigned line0, std::size_t byte_col) const {
  auto l = line(line0);
  unsigned units = 0;
  for (std::size_t at = 0; at < std::min(byte_col, l.size());)
    units += dsl::next_code_point(l, at) > 0xFFFF ? 2 : 1;
  return {{"line", line0}, {"character", units}};
}

nlohmann::json Lines::range_of(const dsl::Location& where) const {
  if (where.line == 0) return {{"start", position(0, 0)}, {"end", position(0, line(0).size())}};
  unsigned l0 = where.line - 1;
  auto l = line(l0);
  std::size_t start = where.column > 0 ? where.column - 1 : 0;
  std::size_t end = start;
  while (end < l.size() && word_byte(l[end])) ++end;
  if (end == start && end < l.size()) {
    dsl::next_code_point(l, end);  // one character that is not part of a word
  }
  return {{"start", position(l0, start)}, {"end", position(l0, end)}};
}

}  // namespace arshjul::lsp
