#include "engine/versions.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <map>
#include <set>

#include "dsl/loader.hpp"
#include "dsl/source.hpp"
#include "dsl/text.hpp"
#include "engine/store_backend.hpp"

namespace arshjul::engine {

/// The store's two tables of rule versions (schema 7): the texts by hash, and per process and
/// cycle the hash in force, insert-only (the latest row wins).
class RuleTable {
 public:
  /// What record_versions() does (a transaction, so writes: `store` is not const).
  static std::size_t record(Store& store, const std::vector<RuleVersion>& versions,
                            const std::string& at, bool only_missing) {
    return RuleTable(store).append(store, versions, at, only_missing);
  }
  /// Whether `process` has a version recorded for `cycle`.
  static bool recorded(const Store& store, const std::string& process, int cycle) {
    return RuleTable(store).latest(process, cycle).has_value();
  }
  /// What recorded_versions() reads.
  static std::vector<RuleVersion> in_force(const Store& store, int first, int last) {
    return RuleTable(store).read(first, last);
  }

 private:
  explicit RuleTable(const Store& store) : store_(store) {}

  std::size_t append(Store& store, const std::vector<RuleVersion>& versions, const std::string& at,
                     bool only_missing) const {
    std::size_t added = 0;
    store.transaction([&] {
      for (const auto& v : versions) {
        auto current = latest(v.process, v.cycle);
        if (current && (only_missing || *current == v.hash)) continue;
        if (!v.hash.empty())
          run("INSERT OR IGNORE INTO rule_text(hash, text) VALUES (?,?)", {v.hash, v.text});
        run("INSERT INTO cycle_rules(process, cycle, hash, adopted, recorded_by, recorded_at)"
            " VALUES (?,?,?,?,?,?)",
            {v.process, std::int64_t{v.cycle}, v.hash, std::int64_t{v.adopted}, v.recorded_by, at});
        ++added;
      }
    });
    return added;
  }

  std::vector<RuleVersion> read(int first, int last) const {
    auto rows = store_.backend().query(
        "SELECT c.process, c.cycle, c.hash, coalesce(t.text, ''), c.recorded_by,"
        " c.recorded_at, c.adopted FROM cycle_rules c LEFT JOIN rule_text t"
        " ON t.hash = c.hash WHERE c.cycle BETWEEN ?1 AND ?2 AND c.id = (SELECT max(id)"
        " FROM cycle_rules d WHERE d.cycle = c.cycle AND d.process = c.process)"
        " ORDER BY c.cycle, c.process",
        {std::int64_t{first}, std::int64_t{last}}, dsl::Msg::store_cannot_read);
    std::vector<RuleVersion> out;
    for (const auto& r : rows)
      out.push_back({r[0], std::stoi(r[1]), r[2], r[3], r[4], r[5], std::stoll(r[6]) != 0});
    return out;
  }

  std::optional<std::string> latest(const std::string& process, int cycle) const {
    auto rows = store_.backend().query(
        "SELECT hash FROM cycle_rules WHERE cycle = ? AND process = ? ORDER BY id DESC LIMIT 1",
        {std::int64_t{cycle}, process}, dsl::Msg::store_cannot_read);
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
  }

  void run(const char* text, std::initializer_list<sql::Value> values) const {
    store_.backend().query(text, values, dsl::Msg::store_cannot_write);
  }

  const Store& store_;
};

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

RuleVersion version_of(const dsl::Process& p, int cycle) {
  RuleVersion v;
  v.process = p.id;
  v.cycle = cycle;
  v.text = dsl::source_text(p);
  v.hash = sha256_hex(v.text);
  return v;
}

std::vector<RuleVersion> versions_of(const std::vector<dsl::Process>& files,
                                     const std::vector<int>& cycles) {
  std::vector<RuleVersion> out;
  for (const auto& p : files) {
    std::optional<RuleVersion> text;  // the text is the same for every cycle: made once
    for (int cycle : cycles) {
      if (!p.applies_in(cycle)) continue;
      if (!text) text = version_of(p, cycle);
      out.push_back(*text);
      out.back().cycle = cycle;
    }
  }
  return out;
}

std::size_t record_versions(Store& store, std::vector<RuleVersion> versions,
                            const std::string& recorded_at, bool only_missing) {
  return RuleTable::record(store, versions, recorded_at, only_missing);
}

std::vector<RuleVersion> recorded_versions(const Store& store, int first, int last) {
  return RuleTable::in_force(store, first, last);
}

namespace {

/// Compiles the recorded versions that differ from the files into `out`, each once however
/// many cycles hold it, and scopes them and the files' processes to their cycles.
class InForceBuilder {
 public:
  InForceBuilder(const std::vector<dsl::Process>& files, const Store& store, RulesInForce& out)
      : store_(store), out_(out) {
    out_.files = &files;
    for (std::size_t i = 0; i < files.size(); ++i) files_[dsl::fold(files[i].id)] = i;
  }

  void add(const RuleVersion& v) {
    auto file = files_.find(dsl::fold(v.process));
    std::string files_hash =
        file == files_.end() ? std::string() : hash_of((*out_.files)[file->second]);
    if (v.hash == files_hash) return;
    out_.differing.push_back(v);
    // The files' vector is copied only once a version differs (the usual case is none).
    if (!out_.versioned) out_.versioned = std::make_unique<std::vector<dsl::Process>>(*out_.files);
    auto& processes = *out_.versioned;
    if (file != files_.end()) processes[file->second].other_cycles.push_back(v.cycle);
    if (v.hash.empty()) return;
    auto [it, fresh] = compiled_.try_emplace(v.hash, processes.size());
    if (fresh) processes.push_back(compile(v));
    processes[it->second].only_cycles.push_back(v.cycle);
  }

 private:
  const std::string& hash_of(const dsl::Process& p) {
    auto [it, fresh] = hashes_.try_emplace(p.id);
    if (fresh) it->second = sha256_hex(dsl::source_text(p));
    return it->second;
  }

  dsl::Process compile(const RuleVersion& v) const {
    auto name = fmt::format("{}@{}.arshjul", v.process, v.cycle);
    auto rules = dsl::load_rules_with(name, v.text, v.cycle, dsl::ForeignLinks::unchecked);
    if (!rules.ok() || rules.processes.size() != 1)
      throw StoreError(dsl::Msg::store_rules_unreadable,
                       {store_.path(), v.process, std::to_string(v.cycle)});
    return std::move(rules.processes.front());
  }

  const Store& store_;
  RulesInForce& out_;
  std::map<std::string, std::size_t> files_;     // folded id -> index
  std::map<std::string, std::string> hashes_;    // id -> hash of the files' version
  std::map<std::string, std::size_t> compiled_;  // hash -> index in out_.processes
};

}  // namespace

RulesInForce rules_in_force(const std::vector<dsl::Process>& files, const Store* store, int first,
                            int last) {
  RulesInForce out;
  out.files = &files;
  if (!store) return out;
  InForceBuilder builder(files, *store, out);
  for (const auto& v : recorded_versions(*store, first, last)) builder.add(v);
  return out;
}

std::optional<std::size_t> process_in_force(const std::vector<dsl::Process>& processes,
                                            std::string_view id, int cycle) {
  for (std::size_t i = 0; i < processes.size(); ++i)
    if (processes[i].holds_in(cycle) && dsl::fold(processes[i].id) == dsl::fold(id)) return i;
  return std::nullopt;
}

std::size_t record_first_use(Store& store, const std::vector<dsl::Process>& files,
                             const std::vector<std::pair<std::string, int>>& evaluated,
                             const std::string& recorded_at) {
  std::set<std::pair<std::string, int>> seen;
  std::map<std::string, RuleVersion> texts;  // folded id -> the files' version
  std::vector<RuleVersion> versions;
  for (const auto& [id, cycle] : evaluated) {
    if (!seen.insert({dsl::fold(id), cycle}).second) continue;
    for (const auto& p : files) {
      if (dsl::fold(p.id) != dsl::fold(id) || !p.applies_in(cycle)) continue;
      // Left out by record_versions anyway: asked first, so that the text is not written out
      // and hashed again by every write of a cycle in use (most of a web write's work).
      if (RuleTable::recorded(store, p.id, cycle)) continue;
      auto [it, fresh] = texts.try_emplace(dsl::fold(id));
      if (fresh) it->second = version_of(p, cycle);
      versions.push_back(it->second);
      versions.back().cycle = cycle;
    }
  }
  if (versions.empty()) return 0;
  return record_versions(store, std::move(versions), recorded_at, true);
}

}  // namespace arshjul::engine
