#pragma once
// SEQUENCE and LAST-MODIFIED of the calendar's events, so that a client re-importing an export
// updates the events that changed (RFC 5545 3.8.7.4: a higher SEQUENCE replaces the event).
//
// The scheme, per event (UID):
//   - its content (dates, title, description, roles, URL) has a fingerprint, FNV-1a 64 of
//     that text, written as X-ARSHJUL-CONTENT;
//   - when the previous export (the file `calendar -o` writes over, or --previous) has the
//     UID with the same fingerprint, SEQUENCE and LAST-MODIFIED are copied from it: equal
//     where nothing changed;
//   - otherwise SEQUENCE is the larger of the previous SEQUENCE + 1 and the minutes from
//     2020-01-01 to the last change of the rule file the step is written in, and
//     LAST-MODIFIED is that last change. Without a previous export the file's time alone
//     still grows with every edit, so SEQUENCE never goes down between two exports.
#include <cstdint>
#include <ctime>
#include <map>
#include <string>

namespace arshjul::pictures {

struct EventVersion {
  int sequence = 0;
  std::time_t modified = 0;
  std::string content;  ///< the fingerprint, hex
};

/// The versions of the events of an earlier export, by UID; empty for text that is not a
/// calendar (a first export, an empty file).
std::map<std::string, EventVersion> read_versions(const std::string& ics);

/// FNV-1a 64 of `text` as 16 hex digits: stable across builds and machines.
std::string fingerprint(const std::string& text);

/// The version of an event with `content` (fingerprint) whose rule file last changed at
/// `file_changed`, given what the previous export had for its UID (null: nothing).
EventVersion next_version(const std::string& content, std::time_t file_changed,
                          const EventVersion* previous);

}  // namespace arshjul::pictures
