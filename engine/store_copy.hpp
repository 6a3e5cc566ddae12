#pragma once
// `arshjul store copy FROM TO`: a store moved between back-ends (SQLite to PostgreSQL and
// back), every table's rows with their ids, in one transaction of the target that commits
// only when the target's row counts and entry checksum equal the source's.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/store.hpp"

namespace arshjul::engine {

/// What a store holds, to compare two: the rows of each table copied, and a SHA-256 (hex) of
/// every entry (completions, statuses, values) field by field in id order.
struct StoreSummary {
  std::vector<std::pair<std::string, std::int64_t>> rows;  ///< (table, rows), in copy order
  std::string checksum;
  bool empty() const;
  friend bool operator==(const StoreSummary&, const StoreSummary&) = default;
};

/// The summary of `store` as it is now; throws StoreError.
StoreSummary summarize(const Store& store);

struct CopyResult {
  StoreSummary from, to;   ///< equal when copied
  bool not_empty = false;  ///< refused: the target holds rows (`to` says which) and no
                           ///< `overwrite` was given; nothing was written
};

/// Copies every row of the store at `from` (opened read-only: it must be at this build's
/// schema) into the store at `to` (made when missing), in one transaction: when `overwrite`,
/// the target's rows are removed first in that transaction. Throws StoreError when either
/// cannot be opened, read or written, or the copy's summary differs from the source's: the
/// target is then as it was (a target file the copy made is removed).
CopyResult copy_store(const std::string& from, const std::string& to, bool overwrite);

}  // namespace arshjul::engine
