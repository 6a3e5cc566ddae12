#include "engine/store_copy.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <filesystem>
#include <memory>

#include "engine/store_backend.hpp"

namespace arshjul::engine {

/// Store's back-end for the copy (a friend of Store, as the side tables are).
struct StoreAccess {
  static StoreBackend& of(const Store& s) { return s.backend(); }
};

namespace {

struct CopiedTable {
  const char* name;
  const char* columns;  ///< the same names on both back-ends
  const char* order;
  bool entries;  ///< part of the checksum
};

// Every table but run_lock (the nightly run's lock, held by no one while a store is copied).
constexpr CopiedTable kCopied[] = {
    {"completion",
     "id, process, cycle, step, unit, occurrence, done_on, done_by, outcome, note, recorded_at,"
     " submission",
     "id", true},
    {"activity_status",
     "id, process, cycle, activity, unit, reported_on, status, comment, reported_by, recorded_at,"
     " submission",
     "id", true},
    {"measure_value",
     "id, process, cycle, measure, unit, tertial, value, reported_by, note, recorded_at,"
     " submission",
     "id", true},
    {"reminder", "recipient, task, kind, run_date, sent_at", "recipient, task, kind", false},
    {"setting", "name, value", "name", false},
    {"rule_text", "hash, text", "hash", false},
    {"cycle_rules", "id, process, cycle, hash, adopted, recorded_by, recorded_at", "id", false},
    {"web_session", "id, person, created_at, expires_at, ended_at", "id", false},
    {"web_link_use", "link, person, used_at, link_expires_at", "link, used_at, person", false},
    {"web_signout_everywhere", "person, at", "person, at", false},
};

/// SHA-256 fed row by row: fields apart by 0x1f, NULL as 0x00, rows ended by 0x1e. An entry's
/// last column, its submission key (schema 8), is left out when it is NULL: an entry without
/// one (every entry of an older store, and those of the command line) sums as before, so a
/// store's checksum stays what it was when it was migrated.
class Digest {
 public:
  Digest() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void add(const sql::CopyRow& row) {
    std::size_t n = row.size();
    if (n > 0 && !row.back()) --n;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& f = row[i];
      if (f)
        EVP_DigestUpdate(ctx_.get(), f->data(), f->size());
      else
        EVP_DigestUpdate(ctx_.get(), "\0", 1);
      EVP_DigestUpdate(ctx_.get(), "\x1f", 1);
    }
    EVP_DigestUpdate(ctx_.get(), "\x1e", 1);
  }
  std::string hex() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_.get(), out, &n);
    std::string text;
    for (unsigned int i = 0; i < n; ++i) text += fmt::format("{:02x}", out[i]);
    return text;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

StoreSummary summary_of(const StoreBackend& db) {
  StoreSummary s;
  Digest digest;
  for (const auto& t : kCopied) {
    auto n = db.query(fmt::format("SELECT count(*) FROM {}", t.name).c_str(), {},
                      dsl::Msg::store_cannot_read);
    s.rows.emplace_back(t.name, std::stoll(n.at(0).at(0)));
    if (t.entries)
      db.read_rows(t.name, t.columns, t.order, [&](const sql::CopyRow& r) { digest.add(r); });
  }
  s.checksum = digest.hex();
  return s;
}

// The target's rows, then the source's, then the check, all in the target's one transaction.
void copy_into(const StoreBackend& source, StoreBackend& target, const StoreSummary& expected,
               const std::string& shown_target, CopyResult& result) {
  target.transaction([&] {
    for (auto t = std::rbegin(kCopied); t != std::rend(kCopied); ++t)
      target.query(fmt::format("DELETE FROM {}", t->name).c_str(), {},
                   dsl::Msg::store_cannot_write);
    for (const auto& t : kCopied)
      target.write_rows(t.name, t.columns, [&](const auto& sink) {
        source.read_rows(t.name, t.columns, t.order, sink);
      });
    result.to = summary_of(target);
    if (!(result.to == expected))
      throw StoreError(dsl::Msg::store_copy_differs,
                       {shown_target, expected.checksum, result.to.checksum});
  });
}

}  // namespace

bool StoreSummary::empty() const {
  for (const auto& [table, n] : rows)
    if (n > 0) return false;
  return true;
}

StoreSummary summarize(const Store& store) {
  return summary_of(StoreAccess::of(store));
}

CopyResult copy_store(const std::string& from, const std::string& to, bool overwrite) {
  CopyResult result;
  Store source(from, Store::read_only);
  result.from = summarize(source);
  const bool made = !is_postgres_address(to) && !std::filesystem::exists(to);
  try {
    Store target(to, true);
    result.to = summarize(target);
    if (!result.to.empty() && !overwrite) {
      result.not_empty = true;
      return result;
    }
    copy_into(StoreAccess::of(source), StoreAccess::of(target), result.from, target.path(), result);
    // PostgreSQL plans its queries from statistics it gathers some time after a bulk load: until
    // then a server started on the copy sorted a third of the entries on disk for its first
    // page (1 s instead of 0.3 s on the benchmark's store). Gathered now, after the commit.
    if (is_postgres_address(to))
      StoreAccess::of(target).query("ANALYZE", {}, dsl::Msg::store_cannot_write);
  } catch (const StoreError&) {
    // A file this copy made holds nothing worth keeping (its schema at most).
    if (made)
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(to + suffix);
    throw;
  }
  return result;
}

}  // namespace arshjul::engine
