#pragma once
// The one HTML writer: what goes in is escaped unless it is asked for as HTML.
//
//   Html h;
//   h.format("<td class=\"{}\">{}</td>", cls, text);  // markup from the literal, both escaped
//   h.raw(svg);                                       // trusted HTML, said so where it is used
//   h.format("<div>{}</div>", other);                 // another Html goes in as it is
//   h.format("<p>{}</p>", Html::trusted(fragment));   // trusted HTML as an argument
//
// Text (std::string, string_view, C strings, char) is escaped with escape_html; numbers are
// written as fmt writes them; an Html, or a string marked Html::trusted, as it is. The format
// string is checked by fmt at compile time and is the only markup that is not escaped.
#include <fmt/format.h>

#include <iterator>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace arshjul::present {

/// `text` as HTML character data or attribute value: & < > " ' escaped, invalid UTF-8 as
/// U+FFFD, control characters as spaces (the same escaper as the wheel's SVG).
std::string escape_html(std::string_view text);

/// The length of `text`'s start that escape_html leaves as it is (pictures::xml_plain_prefix):
/// most of every page, copied with no string made for it.
std::size_t plain_prefix(std::string_view text);

/// escape_html(text) appended to `out`: plain text (most of a page) needs no string of its own.
inline void append_escaped(std::string& out, std::string_view text) {
  std::size_t plain = plain_prefix(text);
  out.append(text.substr(0, plain));
  if (plain < text.size()) out += escape_html(text.substr(plain));
}

class Html {
 public:
  /// HTML that is trusted as it is (the wheel's SVG, a fragment made by another writer).
  struct Trusted {
    std::string_view html;
  };
  static Trusted trusted(std::string_view html) { return {html}; }

  /// Appends `text`, escaped.
  Html& text(std::string_view text) {
    append_escaped(out_, text);
    return *this;
  }
  /// Appends trusted HTML as it is.
  Html& raw(std::string_view html) {
    out_ += html;
    return *this;
  }
  /// Appends `markup` with its arguments put in, each escaped (see the top of this file).
  template <typename... T>
  Html& format(fmt::format_string<T...> markup, T&&... args) {
    // Each argument made safe (text escaped, kept in `safe`), then seen by fmt as it writes.
    auto safe_args = std::make_tuple(safe(args)...);
    auto views =
        std::apply([](const auto&... a) { return std::make_tuple(view(a)...); }, safe_args);
    std::apply(
        [&](const auto&... a) {
          fmt::vformat_to(std::back_inserter(out_), fmt::string_view(markup),
                          fmt::make_format_args(a...));
        },
        views);
    return *this;
  }
  /// Begins a self-contained page: the doctype, <html lang>, a head with charset, viewport,
  /// `title` and the inline style sheet `style` (trusted), and <body>.
  Html& begin_page(std::string_view lang, std::string_view title, std::string_view style);
  /// Appends another writer's HTML.
  Html& operator+=(const Html& other) {
    out_ += other.out_;
    return *this;
  }

  const std::string& str() const { return out_; }
  bool empty() const { return out_.empty(); }
  /// The HTML so far; the writer is empty afterwards (to stream a long page in parts).
  std::string take() { return std::exchange(out_, {}); }

 private:
  /// Text as escape_html writes it: as it is when it is plain (no string made), else escaped.
  struct Escaped {
    std::string_view plain;
    std::string escaped;
  };
  static Escaped escaped(std::string_view text) {
    if (plain_prefix(text) == text.size()) return {text, {}};
    return {{}, escape_html(text)};
  }
  template <typename V>
  static auto view(const V& v) {
    if constexpr (std::is_same_v<V, Escaped>)
      return v.escaped.empty() ? v.plain : std::string_view(v.escaped);
    else
      return v;
  }
  template <typename V>
  static auto safe(const V& v) {
    if constexpr (std::is_same_v<V, Html>)
      return std::string_view(v.out_);
    else if constexpr (std::is_same_v<V, Trusted>)
      return v.html;
    else if constexpr (std::is_convertible_v<const V&, std::string_view>)
      return escaped(std::string_view(v));
    else if constexpr (std::is_same_v<V, char>)
      return escaped(std::string_view(&v, 1));
    else {
      // Anything else could format as markup: only numbers go in as fmt writes them.
      static_assert(std::is_arithmetic_v<V>,
                    "Html::format takes text (escaped), numbers, Html and Html::trusted");
      return v;
    }
  }

  std::string out_;
};

}  // namespace arshjul::present

template <>
struct fmt::formatter<arshjul::present::Html> : fmt::formatter<std::string_view> {
  auto format(const arshjul::present::Html& h, format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(h.str(), ctx);
  }
};
template <>
struct fmt::formatter<arshjul::present::Html::Trusted> : fmt::formatter<std::string_view> {
  auto format(const arshjul::present::Html::Trusted& t, format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(t.html, ctx);
  }
};
