#pragma once
// What the web view's page files share (pages.cpp, pages_my.cpp): small pieces of HTML and
// the site's style sheet. Not for other folders: web/pages.hpp is the interface.
#include <functional>
#include <string>
#include <string_view>

#include "dsl/messages.hpp"
#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "present/html.hpp"
#include "present/texts.hpp"

namespace arshjul::web {

// The names the page files use.
using engine::State;
using present::days_text;
using present::Html;
using present::process_title;
using present::state_class;
using present::state_text;

/// The style sheet of every page; the site header's part alone is kHeaderStyle (the audit
/// page, a document of its own, gets that part with the header).
extern const char* const kStyle;
extern const char* const kHeaderStyle;

/// `<input type="hidden">`.
present::Html hidden(const char* name, const std::string& value);

/// `<time datetime="2026-10-15">15 okt 2026</time>` (never broken inside a line).
present::Html time_html(dsl::Date d, dsl::Lang lang);

/// A window as "1 sep 2026 – 30 okt 2026", with why its deadline was moved.
present::Html window_html(const dsl::Window& w, dsl::Lang lang);

/// A window's deadline as time_html, with why it was moved.
present::Html deadline_html(const dsl::Window& w, dsl::Lang lang);

/// What a blocked task waits for: the steps by name, with the units left.
present::Html blockers_html(const dsl::Process& p, const engine::Task& t, dsl::Lang lang);
/// blockers_html with each step's label (dsl::step_label) from `label`.
present::Html blockers_html(const dsl::Process& p, const engine::Task& t, dsl::Lang lang,
                            const std::function<std::string(std::size_t step)>& label);

/// A task's name for people: the step's label (dsl::step_label), "#2" for a second
/// occurrence in the cycle, and its unit in brackets.
std::string task_title(const dsl::Process& p, const engine::Task& t);
/// task_title with the step's label already made.
std::string task_title(const dsl::Process& p, const engine::Task& t, std::string_view label);

}  // namespace arshjul::web
