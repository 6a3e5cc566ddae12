// engine::Store: the one face of the store, over the back-end its address names
// (engine/store_backend.hpp). Callers never learn which one it is.
#include "engine/store.hpp"

#include "engine/store_backend.hpp"

namespace arshjul::engine {

bool is_postgres_address(const std::string& address) {
  return address.rfind("postgresql://", 0) == 0 || address.rfind("postgres://", 0) == 0;
}

// YYYY-MM-DD as the store writes it; read by hand because it is done for every row.
dsl::Date stored_date(const unsigned char* s, int n) {
  if (!s || n != 10 || s[4] != '-' || s[7] != '-') return {};
  auto num = [&](int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return std::chrono::year(num(0, 4)) / std::chrono::month(unsigned(num(5, 2))) /
         std::chrono::day(unsigned(num(8, 2)));
}

Store::Store(const std::string& path, bool create, int busy_timeout_ms)
    : path_(is_postgres_address(path) ? shown_address(path) : path),
      backend_(is_postgres_address(path) ? open_postgres(path, create, false)
                                         : open_sqlite(path, create, false, busy_timeout_ms)) {}

Store::Store(const std::string& path, ReadOnly, int busy_timeout_ms)
    : path_(is_postgres_address(path) ? shown_address(path) : path),
      backend_(is_postgres_address(path) ? open_postgres(path, false, true)
                                         : open_sqlite(path, false, true, busy_timeout_ms)) {}

Store::~Store() = default;

std::size_t Store::record(const std::vector<Completion>& entries, Duplicates d) {
  return backend_->record(entries, d);
}
std::size_t Store::record(const std::vector<StatusReport>& entries, Duplicates d) {
  return backend_->record(entries, d);
}
std::size_t Store::record(const std::vector<MeasuredValue>& entries, Duplicates d) {
  return backend_->record(entries, d);
}
std::optional<dsl::Date> Store::start_date() const {
  return backend_->start_date();
}
void Store::set_start_date(dsl::Date start) {
  backend_->set_start_date(start);
}
std::vector<StatusReport> Store::statuses(int first_cycle, int last_cycle) const {
  return backend_->statuses(first_cycle, last_cycle);
}
std::vector<MeasuredValue> Store::values(int first_cycle, int last_cycle) const {
  return backend_->values(first_cycle, last_cycle);
}
void Store::for_each(int first_cycle, int last_cycle,
                     const std::function<void(const Completion&)>& visit, Order order) const {
  backend_->for_each(first_cycle, last_cycle, visit, order);
}
std::vector<std::string> Store::sent_keys() const {
  return backend_->sent_keys();
}
void Store::record_sent(const std::vector<SentReminder>& sent) {
  backend_->record_sent(sent);
}
std::optional<std::string> Store::try_lock(
    const std::string& name, const std::string& holder, const std::string& now,
    const std::function<bool(const std::string&, const std::string&)>& is_stale) {
  return backend_->try_lock(name, holder, now, is_stale);
}
void Store::unlock(const std::string& name, const std::string& holder) {
  backend_->unlock(name, holder);
}
void Store::transaction(const std::function<void()>& body) {
  backend_->transaction(body);
}

// max(id) is the primary key's last row on both back-ends; setting has a row or two.
const char* const Store::kChangeMark =
    "(SELECT coalesce(max(id), 0) FROM completion) + (SELECT coalesce(max(id), 0) FROM"
    " activity_status) + (SELECT coalesce(max(id), 0) FROM measure_value) + (SELECT"
    " coalesce(max(id), 0) FROM cycle_rules) + (SELECT count(*) FROM setting)";

std::int64_t Store::change_mark() const {
  static const std::string sql = std::string("SELECT ") + kChangeMark;
  auto rows = backend_->query(sql.c_str(), {}, dsl::Msg::store_cannot_read);
  return std::stoll(rows.at(0).at(0));
}

std::vector<Completion> Store::load(int first_cycle, int last_cycle) const {
  std::vector<Completion> out;
  for_each(first_cycle, last_cycle, [&](const Completion& c) { out.push_back(c); });
  return out;
}

}  // namespace arshjul::engine
