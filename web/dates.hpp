#pragma once
// Dates and times on the web view's pages as people read them: "15 okt 2026", and a store
// entry's recorded_at (ISO 8601 UTC) as "29 nov 2026 18:26" in Swedish time (Europe/Stockholm).
// Each comes as a <time> element (machine-readable datetime, never broken inside a line).
#include <optional>
#include <string>

#include "dsl/messages.hpp"
#include "dsl/schedule.hpp"

namespace arshjul::web {

/// "15 okt 2026" / "15 Oct 2026", with no-break spaces.
std::string readable_date(dsl::Date d, dsl::Lang lang);

/// The offset of Swedish time from UTC at `utc_seconds` (seconds since 1970), in minutes: 60
/// (CET), or 120 (CEST) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October, the EU's rule since 1996.
int stockholm_offset_minutes(long long utc_seconds);

/// `iso` ("2026-11-29T18:26:10Z", seconds and the Z optional) as "29 nov 2026 19:26" in
/// Swedish time; nullopt when it is not such a timestamp.
std::optional<std::string> readable_timestamp(const std::string& iso, dsl::Lang lang);

}  // namespace arshjul::web
