// The wheel's SVG writer: serialises a WheelLayout (wheel_layout.hpp) and decides nothing
// but how: paths for sectors and text, the style sheet, escaping.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>

#include "dsl/text.hpp"
#include "pictures/wheel_layout.hpp"

namespace arshjul::pictures {
using namespace wheel_size;

namespace {

constexpr const char* kFontFamily = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

// ---- Text ---------------------------------------------------------------------------

/// `s` as XML character data or attribute value: & < > " ' escaped, invalid UTF-8 as U+FFFD,
/// and the characters XML 1.0 does not allow (control characters, U+FFFE, U+FFFF) as spaces,
/// so any text from a rule file gives a well-formed document.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  // Plain ASCII (most of every page) is copied as it is; only other bytes are decoded, one
  // code point at a time (this is a fifth of the CPU of a page such as "my tasks").
  auto plain = [](char ch) {
    auto b = static_cast<unsigned char>(ch);
    return b >= 0x20 && b < 0x7F && b != '&' && b != '<' && b != '>' && b != '"' && b != '\'';
  };
  for (std::size_t at = 0; at < s.size();) {
    std::size_t run = at;
    while (run < s.size() && plain(s[run])) ++run;
    if (run > at) {
      out.append(s, at, run - at);
      at = run;
      continue;
    }
    char32_t c = dsl::next_code_point(s, at);
    switch (c) {
      case U'&':
        out += "&amp;";
        break;
      case U'<':
        out += "&lt;";
        break;
      case U'>':
        out += "&gt;";
        break;
      case U'"':
        out += "&quot;";
        break;
      case U'\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || c == 0xFFFE || c == 0xFFFF ||
            (c >= 0x7F && c < 0xA0))
          out += ' ';
        else
          dsl::append_utf8(out, c);
    }
  }
  return out;
}

// ---- Geometry -----------------------------------------------------------------------

/// A coordinate to a tenth, without a ".0" (a wheel has thousands of them).
std::string num(double v) {
  auto s = fmt::format("{:.1f}", std::abs(v) < 0.05 ? 0.0 : v);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

struct Geo {
  double cx = 0, cy = 0;
  /// The point at radius `r` and `deg` degrees clockwise from the top.
  std::string at(double r, double deg) const {
    double t = deg * kPi / 180;
    return num(cx + r * std::sin(t)) + "," + num(cy - r * std::cos(t));
  }
  double x(double r, double deg) const { return cx + r * std::sin(deg * kPi / 180); }
  double y(double r, double deg) const { return cy - r * std::cos(deg * kPi / 180); }
};

/// Arc commands along radius `r` from angle `from` (the current point) to `to`, clockwise
/// when to > from, in pieces of at most 90 degrees (so a full turn works too).
std::string arc_to(const Geo& g, double r, double from, double to) {
  std::string d;
  int pieces = std::max(1, static_cast<int>(std::ceil(std::abs(to - from) / 90 - kEps)));
  for (int i = 1; i <= pieces; ++i) {
    double a = from + (to - from) * i / pieces;
    d += fmt::format("A{},{} 0 0 {} {}", num(r), num(r), to > from ? 1 : 0, g.at(r, a));
  }
  return d;
}

/// An annular sector: radii r0 < r1, angles a0 < a1.
std::string sector(const Geo& g, double r0, double r1, double a0, double a1) {
  return "M" + g.at(r1, a0) + arc_to(g, r1, a0, a1) + "L" + g.at(r0, a1) + arc_to(g, r0, a1, a0) +
         "Z";
}

/// A path along radius `r` over [a0, a1] for text: clockwise, or counter-clockwise when
/// `flip` (text on the lower half reads left to right that way, upright).
std::string text_path(const Geo& g, double r, double a0, double a1, bool flip) {
  return flip ? "M" + g.at(r, a1) + arc_to(g, r, a1, a0) : "M" + g.at(r, a0) + arc_to(g, r, a0, a1);
}

std::string text_path(const Geo& g, const PathText& t) {
  return text_path(g, t.r, t.a0, t.a1, t.flip);
}

/// Appends formatted text to the document.
struct Writer {
  std::string out;
  template <typename... T>
  void operator()(fmt::format_string<T...> f, T&&... args) {
    fmt::format_to(std::back_inserter(out), f, std::forward<T>(args)...);
  }
};

// ---- The document -------------------------------------------------------------------

void write_head(Writer& put, const WheelLayout& l) {
  put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  put("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
      "viewBox=\"0 0 {} {}\" font-family=\"{}\" data-cycle=\"{}\" data-kind=\"{}\" "
      "data-windows=\"{}\" "
      "data-cx=\"{}\" data-cy=\"{}\" role=\"img\" aria-labelledby=\"wheel-title\">\n",
      num(l.width), num(l.height), kFontFamily, l.year, l.school ? "läsår" : "kalenderår",
      l.windows_total, num(l.cx), num(l.cy));
  put("<title id=\"wheel-title\">{}</title>\n", esc(l.title));
  if (l.with_desc) put("<desc id=\"wheel-desc\">{}</desc>\n", esc(l.description));
  put("<defs>\n"
      "<pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" "
      "patternTransform=\"rotate(45)\">"
      "<rect width=\"8\" height=\"8\" fill=\"#ffffff\" fill-opacity=\"0.35\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#333333\" stroke-width=\"1.6\" "
      "stroke-opacity=\"0.35\"/></pattern>\n"
      // The states' patterns (wheel_layout.cpp: state_pattern), drawn over their colour.
      "<pattern id=\"p-overdue\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\" "
      "patternTransform=\"rotate(-45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" "
      "stroke=\"#c62828\" stroke-width=\"2.2\" stroke-opacity=\"0.55\"/></pattern>\n"
      "<pattern id=\"p-blocked\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">"
      "<path d=\"M0,0 L8,8 M8,0 L0,8\" stroke=\"#7b3fa0\" stroke-width=\"1.2\" "
      "stroke-opacity=\"0.6\"/></pattern>\n"
      "<pattern id=\"p-done-late\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\">"
      "<circle cx=\"3.5\" cy=\"3.5\" r=\"1.4\" fill=\"#7a5200\" fill-opacity=\"0.7\"/>"
      "</pattern>\n"
      "<style>\n"
      "text {{ fill: #1a1a1a; }}\n"
      ".label {{ font-size: {}px; paint-order: stroke; stroke: #ffffff; stroke-opacity: 0.7; "
      "stroke-width: 3px; "
      "stroke-linejoin: round; }}\n"
      ".band {{ font-size: {}px; font-weight: bold; letter-spacing: 0.5px; }}\n"
      ".month {{ font-size: {}px; font-weight: bold; fill: #263238; }}\n"
      // What every arc, label and text path would repeat, said once.
      ".arc .fill {{ stroke-width: 1.4; }}\n"
      ".arc:hover path.fill {{ stroke-width: 3; }}\n"
      ".share {{ fill: #ffffff; stroke: #455a64; stroke-width: 0.6; }}\n"
      ".share-done {{ fill: #1b5e20; }}\n"
      ".label, .band, .month {{ text-anchor: middle; }}\n"
      "path[id] {{ fill: none; }}\n"
      "</style>\n</defs>\n",
      num(kLabelFont), num(kBandFont), num(kMonthFont));
  put("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", num(l.width),
      num(l.height));
  if (!l.heading.empty())
    put("<text x=\"{}\" y=\"{}\" font-size=\"30\" font-weight=\"bold\">{}</text>\n", num(kMargin),
        num(kMargin + 24), esc(l.heading));
  put("<text x=\"{}\" y=\"{}\" font-size=\"18\" fill=\"#455a64\">{}</text>\n", num(kMargin),
      num(kMargin + 54), esc(l.subheading));
}

/// Rings: background, band with the role's name.
void write_rings(Writer& put, const WheelLayout& l, const Geo& g) {
  put("<g class=\"rings\">\n");
  for (std::size_t i = 0; i < l.rings.size(); ++i) {
    const auto& ring = l.rings[i];
    const Colour c = ring.colour;
    put("<path d=\"{}\" fill=\"{}\"/>\n", sector(g, ring.lanes0 - kLaneGap, ring.outer, 0, 360),
        i % 2 ? "#f4f6f8" : "#fbfbfc");
    put("<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.8\"/>\n",
        sector(g, ring.band0, ring.band1, 0, 360), c.fill, c.stroke);
    for (std::size_t q = 0; q < ring.band_labels.size(); ++q) {
      put("<path id=\"band{}-{}\" d=\"{}\"/>", i, q, text_path(g, ring.band_labels[q]));
      put("<text class=\"band\" data-role=\"{}\" fill=\"{}\" style=\"fill:{}\"><textPath "
          "xlink:href=\"#band{}-{}\" startOffset=\"50%\">{}</textPath></text>\n",
          esc(ring.name), c.stroke, c.stroke, i, q, esc(ring.band_labels[q].text));
    }
  }
  put("</g>\n");
}

/// Months: grid lines through the rings, the month band.
void write_months(Writer& put, const WheelLayout& l, const Geo& g) {
  put("<g class=\"months\">\n");
  for (std::size_t k = 0; k < l.months.size(); ++k) {
    const auto& m = l.months[k];
    put("<path d=\"{}\" fill=\"{}\" stroke=\"#b0bec5\" stroke-width=\"0.8\"/>\n",
        sector(g, l.month0, l.month1, m.a0, m.a1), k % 2 ? "#f3f6f9" : "#e3eaf1");
    put("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
        num(g.x(l.hub, m.a0)), num(g.y(l.hub, m.a0)), num(g.x(l.month1, m.a0)),
        num(g.y(l.month1, m.a0)), k == 0 ? "#37474f" : "#c9d2da", k == 0 ? "2.5" : "1");
    put("<path id=\"month{}\" d=\"{}\"/>", k, text_path(g, m.name));
    put("<text class=\"month\" data-month=\"{}\"><textPath xlink:href=\"#month{}\" "
        "startOffset=\"50%\">{}</textPath></text>\n",
        m.month, k, esc(m.name.text));
    // Year marks where a läsår crosses New Year: the month band says which year it is.
    if (m.year_mark)
      put("<text x=\"{}\" y=\"{}\" font-size=\"14\" text-anchor=\"middle\" "
          "fill=\"#37474f\">{}</text>\n",
          num(g.x(l.month1 + 14, m.a0)), num(g.y(l.month1 + 14, m.a0) + 5), m.year);
  }
  put("<text x=\"{}\" y=\"{}\" font-size=\"14\" text-anchor=\"middle\" "
      "fill=\"#37474f\">{}</text>\n",
      num(g.cx), num(g.cy - l.month1 - 6), l.cycle_text);
  put("</g>\n");
}

/// An arc of several units: a strip along its outer edge, dark for the share done.
void write_share(Writer& put, const Geo& g, const WheelArc& a) {
  if (a.count.empty()) return;
  double done = a.d0 + (a.d1 - a.d0) * a.done / a.total;
  put("<path class=\"share\" d=\"{}\"/>", sector(g, a.r1 - kShare, a.r1, a.d0, a.d1));
  if (a.done > 0)
    put("<path class=\"share-done\" d=\"{}\"/>", sector(g, a.r1 - kShare, a.r1, a.d0, done));
  put("\n");
}

void write_arc(Writer& put, const WheelLayout& l, const Geo& g, std::size_t i) {
  const auto& a = l.arcs[i];
  put("<g class=\"arc\" data-step=\"{}\" data-role=\"{}\" data-occurrence=\"{}\" "
      "data-start=\"{}\" data-deadline=\"{}\"",
      esc(a.step_id), esc(l.rings[a.ring].name), a.occurrence, dsl::iso(a.window.start),
      dsl::iso(a.window.deadline));
  if (l.layout_data)
    put(" data-ring=\"{}\" data-lane=\"{}\" data-a0=\"{:.3f}\" data-a1=\"{:.3f}\" "
        "data-f0=\"{:.3f}\" data-f1=\"{:.3f}\" data-r0=\"{:.1f}\" data-r1=\"{:.1f}\"",
        a.ring, a.lane, a.d0, a.d1, a.f0, a.f1, a.r0, a.r1);
  if (a.state) put(" data-state=\"{}\"", esc(engine::state_name(*a.state, dsl::Lang::en)));
  if (!a.outside.empty()) put(" data-outside=\"{}\"", a.outside);
  if (a.clamped) put(" data-clamped=\"1\"");
  if (!a.count.empty()) put(" data-done=\"{}\" data-total=\"{}\"", a.done, a.total);
  put(">\n");
  put("<title>{}</title>\n", esc(a.tooltip));
  // The fill: the part inside the cycle solid; the parts outside wrapped and hatched.
  std::string dash = a.if_needed ? " stroke-dasharray=\"6 4\" fill-opacity=\"0.55\"" : "";
  if (a.state == engine::State::not_applicable) dash = " stroke-dasharray=\"3 3\"";
  put("<path class=\"fill\" d=\"{}\" fill=\"{}\" stroke=\"{}\"{}/>\n",
      sector(g, a.r0, a.r1, a.d0, a.d1), a.colour.fill, a.colour.stroke, dash);
  if (!a.pattern.empty())
    put("<path class=\"pattern\" d=\"{}\" fill=\"url(#{})\"/>\n", sector(g, a.r0, a.r1, a.d0, a.d1),
        a.pattern);
  write_share(put, g, a);
  for (auto [h0, h1] : a.hatched)
    put("<path class=\"outside\" d=\"{}\" fill=\"url(#hatch)\" stroke=\"{}\" "
        "stroke-width=\"1.4\" "
        "stroke-dasharray=\"4 3\"/>\n",
        sector(g, a.r0, a.r1, h0, h1), a.colour.stroke);
  for (const auto& label : a.labels) {
    put("<path id=\"t{}-{}\" d=\"{}\"/>", i, label.copy, text_path(g, label.path));
    put("<text class=\"label\"><textPath xlink:href=\"#t{}-{}\" startOffset=\"50%\">{}"
        "</textPath></text>\n",
        i, label.copy, esc(label.path.text));
  }
  put("</g>\n");
}

void write_hub_and_hand(Writer& put, const WheelLayout& l, const Geo& g) {
  put("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"#90a4ae\" "
      "stroke-width=\"1.5\"/>\n",
      num(g.cx), num(g.cy), num(l.hub));
  put("<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" "
      "fill=\"#263238\">{}</text>\n",
      num(g.cx), num(g.cy - 4), l.school ? 36 : 44, l.cycle_text);
  put("<text x=\"{}\" y=\"{}\" font-size=\"17\" text-anchor=\"middle\" "
      "fill=\"#455a64\">{}</text>\n",
      num(g.cx), num(g.cy + 22), l.kind_text);
  if (!l.hand) return;
  double ta = *l.hand;
  put("<text x=\"{}\" y=\"{}\" font-size=\"15\" text-anchor=\"middle\" fill=\"#c2185b\">{} "
      "{}</text>\n",
      num(g.cx), num(g.cy + 46), l.today_word, l.today_iso);
  put("<g class=\"hand\" data-angle=\"{:.3f}\"><title>{} {}</title>"
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c2185b\" stroke-width=\"3\" "
      "stroke-linecap=\"round\" "
      "stroke-opacity=\"0.75\"/>"
      "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"#c2185b\"/><circle cx=\"{}\" cy=\"{}\" r=\"5\" "
      "fill=\"#c2185b\"/></g>\n",
      ta, l.today_word, l.today_iso, num(g.x(l.hub, ta)), num(g.y(l.hub, ta)),
      num(g.x(l.outer, ta)), num(g.y(l.outer, ta)), num(g.x(l.outer, ta)), num(g.y(l.outer, ta)),
      num(g.x(l.hub, ta)), num(g.y(l.hub, ta)));
}

void write_legend(Writer& put, const WheelLayout& l) {
  const double swatch = l.swatch;
  put("<g class=\"legend\" font-size=\"{}\">\n", num(l.legend_font));
  for (const auto& e : l.legend) {
    double sy = e.y;
    if (e.hand) {
      put("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"3.5\" "
          "stroke-linecap=\"round\"/>",
          num(e.x + 2), num(sy + 9), num(e.x + swatch - 6), num(sy + 9), e.stroke);
      put("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/>", num(e.x + swatch - 6), num(sy + 9),
          e.stroke);
    } else {
      put("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" rx=\"3\" fill=\"{}\" stroke=\"{}\" "
          "stroke-width=\"1.4\"{}/>",
          num(e.x), num(sy), num(swatch), e.fill, e.stroke,
          e.dashed ? " stroke-dasharray=\"4 3\"" : "");
      if (e.hatched || !e.pattern.empty())
        put("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" rx=\"3\" fill=\"url(#{})\"/>",
            num(e.x), num(sy), num(swatch), e.hatched ? "hatch" : e.pattern);
    }
    put("<text x=\"{}\" y=\"{}\">{}</text>\n", num(e.x + swatch + 8), num(sy + 15), esc(e.text));
  }
  for (std::size_t k = 0; k < l.hint_lines.size(); ++k)
    put("<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#607d8b\">{}</text>\n", num(kMargin),
        num(l.hint_y + 12 + k * l.hint_font * 1.4), num(l.hint_font), esc(l.hint_lines[k]));
  put("</g>\n</svg>\n");
}

}  // namespace

std::string escape_xml(std::string_view text) {
  return esc(text);
}

// Exactly what esc() above copies unchanged, no more (kept beside it, and tested against it in
// tests/test_present.cpp for every sequence of up to three bytes): a byte or sequence it would
// change (or any it might, such as a four-byte one) ends the prefix, and the rest goes through it.
std::size_t xml_plain_prefix(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  auto follows = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  std::size_t n = 0;
  while (n < text.size()) {
    const unsigned char b = byte(n);
    if (b >= 0x20 && b < 0x7F) {
      if (b == '&' || b == '<' || b == '>' || b == '"' || b == '\'') break;
      ++n;
    } else if (b >= 0xC3 && b <= 0xDF && follows(n + 1)) {  // U+00C0..U+07FF
      n += 2;
    } else if (b == 0xC2 && n + 1 < text.size() && byte(n + 1) >= 0xA0 &&
               byte(n + 1) <= 0xBF) {  // U+00A0..U+00BF (no-break space), not C1 controls
      n += 2;
    } else if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && follows(n + 1) &&
               follows(n + 2)) {  // U+1000..U+FFFF but surrogates
      if (b == 0xEF && byte(n + 1) == 0xBF && byte(n + 2) >= 0xBE) break;  // U+FFFE, U+FFFF
      n += 3;
    } else {
      break;
    }
  }
  return n;
}

std::string write_wheel_svg(const WheelLayout& l) {
  const Geo g{l.cx, l.cy};
  Writer put;
  write_head(put, l);
  write_rings(put, l, g);
  write_months(put, l, g);
  put("<g class=\"arcs\">\n");
  for (std::size_t i = 0; i < l.arcs.size(); ++i) write_arc(put, l, g, i);
  put("</g>\n");
  write_hub_and_hand(put, l, g);
  write_legend(put, l);
  return std::move(put.out);
}

WheelPicture draw_wheel(const dsl::Process& process, const WheelOptions& options) {
  auto layout = layout_wheel(process, options);
  return {write_wheel_svg(layout), std::move(layout.items)};
}

std::string render_wheel(const dsl::Process& process, const WheelOptions& options) {
  return write_wheel_svg(layout_wheel(process, options));
}

}  // namespace arshjul::pictures
