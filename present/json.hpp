#pragma once
// The one way JSON is written: a byte that is not valid UTF-8 (in a store written before the
// input gate, dsl::check_text, existed) becomes U+FFFD instead of aborting the writer, so the
// nightly job and the pages never stop at one bad entry.
#include <nlohmann/json.hpp>
#include <string>

namespace arshjul::present {

inline std::string json_text(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace arshjul::present
