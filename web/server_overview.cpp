// The overview (/) and the pages beside it: a role's units (/enheter) and the wheel's steps
// (/steg), made from the same counts and wheel as the overview, kept with the cached snapshot
// (web/snapshot_cache.hpp) until a write changes them.
#include <charconv>

#include "dsl/text.hpp"
#include "web/server_impl.hpp"

namespace arshjul::web {

using httplib::Request;
using httplib::Response;

void Server::Impl::overview(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s) return;
  dsl::Date date = o.today();
  const std::size_t process = process_asked(req);
  auto reading = cache.current(date);
  std::shared_ptr<const std::string> body;  // shared, not copied: a write may drop the cache's
  {
    // Rendered once per state of the store: the overview is what everyone opens.
    auto& c = reading.cached();
    std::lock_guard lock(c.overview_mutex);
    auto& cached = c.overview[process];
    if (!cached && !ps().empty()) {  // the parts a write did not change are kept
      cached = std::make_shared<const std::string>(overview_top(ps(), process, date, o.lang) +
                                                   wheel_of(c, process, date).html +
                                                   overview_table(counts_of(c), o.lang));
    } else if (!cached) {
      cached = std::make_shared<const std::string>(overview_top(ps(), process, date, o.lang));
    }
    body = cached;
  }
  reading.unlock();  // the page is written with the snapshot free for a write
  Frame f = frame(t<Msg::overview>(), *s, "/");
  f.wide = true;  // the wheel's labels at a readable size on a desktop
  send(res, 200, f, *body);
}

std::size_t Server::Impl::process_asked(const Request& req) const {
  std::size_t process = 0;
  auto wanted = dsl::fold(req.get_param_value("process"));
  for (std::size_t i = 0; i < ps().size(); ++i)
    if (dsl::fold(ps()[i].id) == wanted) process = i;
  return process;
}

const StatusCounts& Server::Impl::counts_of(CachedSnapshot& c) const {
  if (!c.counts) c.counts.emplace(c.snapshot.processes(), c.snapshot.tasks);
  return *c.counts;
}

const OverviewWheel& Server::Impl::wheel_of(CachedSnapshot& c, std::size_t process,
                                            dsl::Date date) const {
  auto wheel = c.wheels.find(process);
  if (wheel != c.wheels.end()) return wheel->second;
  const auto& rules = c.snapshot.processes();
  const auto [shown, year] = wheel_shown(ps(), rules, process, date);
  const auto& tally =
      c.tallies.try_emplace({shown, year}, c.snapshot.tasks, shown, year).first->second;
  return c.wheels
      .emplace(process,
               overview_wheel(ps(), rules, c.snapshot.tasks, process, date, o.lang, &tally))
      .first->second;
}

void Server::Impl::units(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s) return;
  UnitsQuery q{req.get_param_value("roll"), req.get_param_value("omrade")};
  const auto page_text = req.get_param_value("sida");
  std::from_chars(page_text.data(), page_text.data() + page_text.size(), q.page);
  auto reading = cache.current(o.today());
  std::optional<UnitsPage> page;
  {
    auto& c = reading.cached();
    std::lock_guard lock(c.overview_mutex);
    page = units_page(counts_of(c), q, o.lang);
  }
  if (!page) return refuse(res, 404, t<Msg::no_such_role>(), t<Msg::no_such_role_why>(), &*s);
  send(res, 200, frame(page->title, *s, ""), page->body);
}

void Server::Impl::steps(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s) return;
  if (ps().empty())
    return refuse(res, 404, t<Msg::no_such_process>(), t<Msg::no_processes_why>(), &*s);
  const std::size_t process = process_asked(req);
  const dsl::Date date = o.today();
  auto reading = cache.current(date);
  std::string body;
  {
    auto& c = reading.cached();
    std::lock_guard lock(c.overview_mutex);
    body = steps_body(wheel_of(c, process, date), o.lang);
  }
  send(res, 200, frame(t<Msg::wheel_steps_heading>(), *s, ""), body);
}

}  // namespace arshjul::web
