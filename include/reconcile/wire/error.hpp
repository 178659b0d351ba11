// reconcile/wire/error.hpp - wire_error: a packet that cannot be decoded, and why.
//
// Every decode in reconcile/wire is all or nothing: it checks the whole packet first and
// writes the target only when the packet is sound, so a wire_error leaves the target as it was.
#pragma once

#include <reconcile/error.hpp>
#include <reconcile/path.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace reconcile::wire {

/// errc: what is wrong with a packet.
enum class errc : unsigned char {
  truncated,        // the packet ends inside a value
  malformed,        // a tag, size or number that no encoder writes (or that overflows its field)
  mismatch,         // the delta names an element, key or position the target does not have
  corrupted,        // the checksum does not match: bits changed on the way
  schema_mismatch,  // the sender's types or rules differ from the receiver's (fingerprints differ)
  no_baseline,      // a delta from a baseline the receiver does not hold (or no longer holds)
};

/// to_string(errc): the kind's name, e.g. "truncated". Static storage.
constexpr std::string_view to_string(errc k) noexcept {
  switch (k) {
    case errc::truncated: return "truncated";
    case errc::malformed: return "malformed";
    case errc::mismatch: return "mismatch";
    case errc::corrupted: return "corrupted";
    case errc::schema_mismatch: return "schema_mismatch";
    case errc::no_baseline: return "no_baseline";
  }
  return "unknown";
}

/// wire_error: thrown by every decode; kind() says what is wrong, path() where (the value the
/// decoder was reading), what() reads well alone: `reconcile::wire: truncated packet at
/// entities[id=7].x (byte 42 of 57)`.
class wire_error : public reconcile::error {
 public:
  wire_error(errc kind, reconcile::path p, const std::string& what)
      : reconcile::error(std::move(p), what), kind_(kind) {}
  errc kind() const noexcept { return kind_; }

 private:
  errc kind_;
};

}  // namespace reconcile::wire
