#include "dsl/format.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

enum class Kind { blank, comment, header, field, continuation };

/// One line of the input as the parser reads it.
struct Line {
  Kind kind = Kind::blank;
  bool indented = false;  ///< a comment line written indented (inside a block)
  std::string code;       ///< header: its words; field: the keyword; continuation: the text
  std::string value;      ///< field: the value
  std::string comment;    ///< "# ..." after the code, or the whole comment line
  std::size_t comment_column = 0;  ///< where a comment after code was written
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

/// Where the comment of `s` starts ('#'), npos when none; a '#' inside "..." is not one where
/// the line can hold quoted text, `\#` never is, and in a web address (`url`) only a '#'
/// after white space is.
std::size_t comment_start(std::string_view s, bool quotes, bool url = false) {
  bool quoted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (quotes && s[i] == '"') quoted = !quoted;
    bool escaped = i > 0 && s[i - 1] == '\\';
    bool glued = url && i > 0 && !is_blank(s[i - 1]);
    if (s[i] == '#' && !quoted && !escaped && !glued) return i;
  }
  return std::string_view::npos;
}

/// Splits `s` into its code and its comment (both without surrounding white space).
std::pair<std::string, std::string> split_comment(std::string_view s, bool quotes,
                                                  bool url = false) {
  std::size_t at = comment_start(s, quotes, url);
  if (at == std::string_view::npos) return {std::string(trim_right(s)), ""};
  return {std::string(trim_right(s.substr(0, at))), std::string(trim_right(s.substr(at)))};
}

/// A header's words with single spaces between them; quoted text is kept as written.
std::string squeeze(std::string_view s) {
  std::string out;
  bool quoted = false, space = false;
  for (char c : s) {
    if (!quoted && is_blank(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (c == '"') quoted = !quoted;
    out += c;
  }
  return out;
}

bool is_what(std::string_view keyword) {
  std::string k = fold(keyword);
  return k == "vad" || k == "what";
}

bool is_link(std::string_view keyword) {
  std::string k = fold(keyword);
  return k == "lank" || k == "link";
}

/// The lines of `text` classified as the parser reads them: an indented line continues a VAD
/// when it is indented deeper than the VAD line and no other field or header came between.
std::vector<Line> classify(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Line> lines;
  bool in_what = false;
  std::size_t what_indent = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view raw = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    std::string_view rest = trim_left(raw);
    const std::size_t indent = raw.size() - rest.size();
    rest = trim_right(rest);
    Line l;
    if (rest.empty()) {
      l.kind = Kind::blank;
    } else if (rest.front() == '#') {
      l.kind = Kind::comment;
      l.indented = indent > 0;
      l.comment = std::string(rest);
    } else if (indent == 0) {
      l.kind = Kind::header;
      auto [code, comment] = split_comment(rest, true);
      l.code = squeeze(code);
      l.comment = std::move(comment);
      in_what = false;
    } else if (in_what && indent > what_indent) {
      l.kind = Kind::continuation;
      std::tie(l.code, l.comment) = split_comment(rest, false);
    } else {
      l.kind = Kind::field;
      std::size_t space = 0;
      while (space < rest.size() && !is_blank(rest[space])) ++space;
      l.code = std::string(rest.substr(0, space));
      in_what = is_what(l.code);
      what_indent = indent;
      auto [value, comment] =
          split_comment(trim_left(rest.substr(space)), !in_what, is_link(l.code));
      l.value = std::move(value);
      l.comment = std::move(comment);
    }
    if (l.kind != Kind::comment && !l.comment.empty())
      l.comment_column = utf8_length(raw.substr(0, raw.rfind(l.comment)));
    lines.push_back(std::move(l));
  }
  return lines;
}

bool in_body(Kind k) {
  return k == Kind::field || k == Kind::continuation;
}

/// One line of the output before trailing comments are aligned.
struct Out {
  std::string code;     ///< indentation and code; empty for a blank or comment line
  std::string comment;  ///< a comment after the code, or a comment line (with its indent)
  std::size_t comment_column = 0;
};

/// The value column of a block's fields, by the kind of block, as in the shipped files: the
/// common fields of a step line up after `EFTER `, those of an activity after `KLART  `, of a
/// goal after `PERSPEKTIV  `, of a measure after `UPPFÖLJNING  `; a longer keyword is
/// followed by one space. Fields under process and kalender are not aligned (0).
std::size_t value_column(std::string_view header) {
  const std::string kind = fold(header.substr(0, header.find(' ')));
  if (kind == "steg" || kind == "step") return 6;
  if (kind == "aktivitet" || kind == "activity") return 7;
  if (kind == "mal" || kind == "goal" || kind == "perspektiv" || kind == "perspective") return 12;
  if (kind == "matetal" || kind == "measure") return 13;
  return 0;
}

/// Where the value of a field with `keyword` starts, counted from the field's indentation.
std::size_t value_start(std::string_view keyword, std::size_t column) {
  return std::max(column, utf8_length(keyword) + 1);
}

/// Whether the next code line after `i` is part of a block's body (a comment line before a
/// field belongs to the block; before a header or the end it stands between blocks).
bool comment_in_body(const std::vector<Line>& lines, std::size_t i) {
  for (std::size_t j = i + 1; j < lines.size(); ++j) {
    if (lines[j].kind == Kind::header) return false;
    if (in_body(lines[j].kind)) return true;
  }
  return false;
}

/// The code of line `l` in its place: fields two spaces in, values in the block's column,
/// continuation lines under the value of their VAD (which starts `what` after the indent).
std::string code_of(const Line& l, std::size_t column, std::size_t what) {
  switch (l.kind) {
    case Kind::header:
      return l.code;
    case Kind::field: {
      if (l.value.empty()) return "  " + l.code;
      std::size_t pad = value_start(l.code, column) - utf8_length(l.code);
      return "  " + l.code + std::string(pad, ' ') + l.value;
    }
    case Kind::continuation:
      return std::string(2 + what, ' ') + l.code;
    default:
      return "";
  }
}

/// Lays the classified lines out with blank lines between blocks only.
std::vector<Out> lay_out(const std::vector<Line>& lines) {
  std::vector<Out> out;
  std::optional<Kind> previous;  // kind of the last line written
  bool previous_in_body = false, blank_pending = false;
  std::size_t column = 0, what = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.kind == Kind::blank) {
      blank_pending = previous.has_value();
      continue;
    }
    // An indented comment belongs to the block above it; one in column 1 to the block of the
    // next code line when that is a field.
    const bool body = l.kind != Kind::comment ? in_body(l.kind)
                      : l.indented ? previous && (previous_in_body || *previous == Kind::header)
                                   : comment_in_body(lines, i);
    if (l.kind == Kind::header) column = value_column(l.code);
    if (l.kind == Kind::field && is_what(l.code)) what = value_start(l.code, column);
    // A blank line ends a block's body; inside a body blank lines are dropped.
    if (previous && !body && (previous_in_body || blank_pending)) out.push_back({});
    if (l.kind == Kind::comment)
      out.push_back({"", (l.indented ? "  " : "") + l.comment});
    else
      out.push_back({code_of(l, column, what), l.comment, l.comment_column});
    previous = l.kind;
    previous_in_body = body;
    blank_pending = false;
  }
  return out;
}

}  // namespace

std::string format_rules(std::string_view text) {
  std::string result;
  for (const Out& o : lay_out(classify(text))) {
    if (o.code.empty()) {
      result += o.comment;
    } else {
      result += o.code;
      // A comment after code stays in its column, at least two spaces after the code.
      const std::size_t length = utf8_length(o.code);
      if (!o.comment.empty())
        result += std::string(std::max(o.comment_column, length + 2) - length, ' ') + o.comment;
    }
    result += '\n';
  }
  return result;
}

}  // namespace arshjul::dsl
