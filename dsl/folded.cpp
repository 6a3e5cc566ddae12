// Names compared folded without building the folded text: folded_equal and FoldedIndex
// (declared in text.hpp), for the lookups of steps and roles a large file makes by the
// hundred thousand.
#include <bit>

#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

// FNV-1a over the bytes of fold(s).
std::uint64_t folded_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  FoldCursor cursor(s);
  for (int c = cursor.next(); c >= 0; c = cursor.next())
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// fold(raw) == folded.
bool folds_to(std::string_view raw, std::string_view folded) {
  FoldCursor cursor(raw);
  for (char f : folded)
    if (cursor.next() != static_cast<unsigned char>(f)) return false;
  return cursor.next() < 0;
}

}  // namespace

bool folded_equal(std::string_view a, std::string_view b) {
  FoldCursor x(a), y(b);
  for (;;) {
    int c = x.next();
    if (c != y.next()) return false;
    if (c < 0) return true;
  }
}

std::size_t FoldedIndex::slot_of(std::string_view name, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) return i;
    const Entry& e = entries_[slots_[i] - 1];
    if (e.hash == hash && folds_to(name, std::string_view(folded_).substr(e.offset, e.length)))
      return i;
  }
}

void FoldedIndex::rehash(std::size_t slots) {
  slots_.assign(slots, 0);
  const std::size_t mask = slots - 1;
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    std::size_t i = entries_[k].hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(k + 1);
  }
}

void FoldedIndex::reserve(std::size_t names) {
  entries_.reserve(names);
  std::size_t slots = std::bit_ceil(names * 2 + 2);
  if (slots > slots_.size()) rehash(slots);
}

void FoldedIndex::clear() {
  folded_.clear();
  entries_.clear();
  slots_.assign(slots_.size(), 0);
}

std::optional<std::size_t> FoldedIndex::insert(std::string_view name, std::size_t value) {
  if ((entries_.size() + 1) * 2 > slots_.size()) rehash(std::bit_ceil((entries_.size() + 1) * 4));
  const std::uint64_t hash = folded_hash(name);
  const std::size_t slot = slot_of(name, hash);
  if (slots_[slot] != 0) return entries_[slots_[slot] - 1].value;
  const auto offset = static_cast<std::uint32_t>(folded_.size());
  FoldCursor cursor(name);
  for (int c = cursor.next(); c >= 0; c = cursor.next()) folded_ += static_cast<char>(c);
  entries_.push_back({hash, offset, static_cast<std::uint32_t>(folded_.size() - offset), value});
  slots_[slot] = static_cast<std::uint32_t>(entries_.size());
  return std::nullopt;
}

std::optional<std::size_t> FoldedIndex::find(std::string_view name) const {
  if (entries_.empty()) return std::nullopt;
  const std::size_t slot = slot_of(name, folded_hash(name));
  if (slots_[slot] == 0) return std::nullopt;
  return entries_[slots_[slot] - 1].value;
}

}  // namespace arshjul::dsl
