#include "web/page_parts.hpp"

#include "dsl/labels.hpp"
#include "present/texts.hpp"
#include "web/dates.hpp"

namespace arshjul::web {

// The site header, also on the audit page (a document with a style sheet of its own: hence
// `header.site`). Its focus ring is white on the header's blue (11.5:1).
const char* const kHeaderStyle =
    "header.site{background:#1f3a5f;color:#fff;padding:.5em 1em;display:flex;flex-wrap:wrap;"
    "gap:.5em 1.2em;align-items:center;font-family:system-ui,sans-serif;line-height:1.45}"
    "header.site a,header.site button{color:#fff;font-size:1em}header.site form{margin:0 0 0 "
    "auto;display:flex;flex-wrap:wrap;gap:.4em}"
    "header.site button{background:none;border:1px solid #fff;border-radius:4px;padding:.2em "
    ".6em;cursor:pointer}"
    "header.site nav a{margin-right:.9em;display:inline-block}header.site "
    "nav a[aria-current]{font-weight:bold;text-decoration:none;border-bottom:2px solid #fff}"
    "header.site :focus-visible{outline:3px solid #fff;outline-offset:2px}";

// One column on a phone; wide tables scroll inside their own box (never the page), down to
// 320 CSS px (WCAG 1.4.10); dates never break inside. The focus ring is dark blue on the
// pages' light backgrounds (#0b3d91 on white 10.0:1, WCAG 1.4.11 asks 3:1), white in the
// header. States in colour and in words (never colour alone).
const char* const kStyle =
    "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;line-height:1.45;color:"
    "#1b1b1b;overflow-wrap:break-word}"
    "main{padding:1em;max-width:60em;margin:auto}main.wide{max-width:90em}a{color:#0b57a4}"
    ":focus-visible,input:focus,select:focus,textarea:focus{outline:3px solid "
    "#0b3d91;outline-offset:2px}"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;color:#000;"
    "padding:.3em;z-index:1}"
    "time{white-space:nowrap}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #ccc;padding:.3em "
    ".5em;text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}"
    "td.hot{background:#fdecea;color:#8e0000;font-weight:bold}tr.hot th[scope=row]{border-left:"
    "5px solid #c62828}"
    "ul.tasks{list-style:none;padding:0}ul.tasks>li{border:1px solid #ccc;border-left:6px solid "
    "#999;border-radius:4px;padding:.5em .7em;margin:.5em 0}"
    ".overdue{border-left-color:#c62828!important}.blocked{border-left-color:#6a1b9a!important}"
    ".due_soon{border-left-color:#ef6c00!important}.ready{border-left-color:#2e7d32!important}"
    ".units{margin:.3em 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.2em .9em}"
    ".state{font-weight:bold}.muted{color:#555}.ok{background:#e8f5e9;padding:.5em;border-radius:"
    "4px}"
    ".error{background:#fdecea;padding:.5em;border-radius:4px}"
    "label{display:block;margin-top:.7em;font-weight:bold}input,select,textarea{font-size:1em;"
    "padding:.3em;max-width:100%}"
    "textarea{width:100%}button.primary{margin-top:1em;font-size:1em;padding:.5em "
    "1em;background:#1f3a5f;color:#fff;border:0;border-radius:4px;cursor:pointer}"
    "svg{max-width:100%;height:auto}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em "
    "1em}dt{font-weight:bold}dd{margin:0;min-width:0}"
    ".wheelbox{display:flex;flex-direction:column}ol.steps{padding-left:1.6em}ol.steps "
    "li{margin:.25em 0}"
    "@media (max-width:40em){dl{grid-template-columns:1fr}dd{margin-bottom:.4em}"
    ".wheelbox .steplist{order:-1}}"
    // A role's units (/enheter): the sum row, the chooser of områden, the pages.
    "tr.total>*{font-weight:bold;border-top:2px solid #555}form.filter label{display:inline;"
    "margin-right:.4em}form.filter button{font-size:1em;padding:.3em .8em}"
    "nav.pages{margin:1em 0;display:flex;flex-wrap:wrap;gap:.5em 1.2em}"
    // On paper: the tables whole (not cut at a scrolling box), no buttons or page links.
    "@media print{.scroll{overflow:visible}main,main.wide{max-width:none}header.site form,"
    "form.filter button,nav.pages,.skip{display:none}}";

Html hidden(const char* name, const std::string& value) {
  Html h;
  return h.format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, value);
}

Html time_html(dsl::Date d, dsl::Lang lang) {
  // Appended, not formatted: a page of many tasks has two or three dates per task.
  Html h;
  h.raw("<time datetime=\"").text(dsl::iso(d)).raw("\">").text(readable_date(d, lang));
  return std::move(h.raw("</time>"));
}

Html window_html(const dsl::Window& w, dsl::Lang lang) {
  Html h;
  return h.format("{} – {}", time_html(w.start, lang), deadline_html(w, lang));
}

Html deadline_html(const dsl::Window& w, dsl::Lang lang) {
  Html h = time_html(w.deadline, lang);
  if (w.moved_from)
    h.format("{}", dsl::say<dsl::Msg::moved_from>(
                       lang, readable_date(*w.moved_from, lang),
                       dsl::closed_reason_text(*w.moved_because, *w.moved_from, lang)));
  return h;
}

Html blockers_html(const dsl::Process& p, const engine::Task& t, dsl::Lang lang) {
  return blockers_html(p, t, lang,
                       [&](std::size_t step) { return dsl::step_label(p.steps[step]); });
}

Html blockers_html(const dsl::Process& p, const engine::Task& t, dsl::Lang lang,
                   const std::function<std::string(std::size_t)>& label) {
  Html h;
  for (const auto& b : t.blocked_by) {
    if (!h.empty()) h.raw(", ");
    // A link names its process and cycle ("anvisningar i processen budget (2026)").
    h.format("<b>{}</b>",
             b.linked ? present::step_ref_text(p, b.step, b.linked, lang) : label(b.step));
    if (b.units_total)
      h.format("{}", dsl::say<dsl::Msg::units_left>(lang, b.units_missing, b.units_total));
  }
  return h;
}

std::string task_title(const dsl::Process& p, const engine::Task& t) {
  return task_title(p, t, dsl::step_label(p.steps[t.step]));
}

std::string task_title(const dsl::Process& p, const engine::Task& t, std::string_view label) {
  std::string s(label);
  if (p.steps[t.step].when.occurrences.size() > 1) s += " #" + std::to_string(t.occurrence);
  if (!t.unit.empty()) s.append(" (").append(t.unit).append(")");
  return s;
}

}  // namespace arshjul::web
