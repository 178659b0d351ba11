// The actions a plan holds: the public reconcile::action (type-erased), its verb, its
// idempotency key and request id, and its typed form detail::resource_action<K, R>. What an
// action in flight drives its resource toward is detail/expected_target.hpp. Part of plan.hpp.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/detail/content_hash.hpp>
#include <reconcile/detail/expected_target.hpp>
#include <reconcile/detail/print.hpp>
#include <reconcile/detail/type_id.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile {

/// verb: what an action does to one resource.
enum class verb : unsigned char { create, update, replace, remove };

/// request_id_format: how action::request_id() spells an id. The default, 20 characters of
/// [0-9A-Za-z], is a valid FIX ClOrdID, EC2 ClientToken and Stripe Idempotency-Key. `prefix`
/// (e.g. a desk or session tag) counts toward `length`; the rest are digits of `alphabet`
/// drawn from a 64-bit hash. plan_for throws reconcile::error for an alphabet of fewer than 2
/// characters or a prefix not shorter than `length`.
struct request_id_format {
  std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::size_t length = 20;
  std::string prefix{};
};

class action;
class expectations;

namespace detail {
struct action_access;
}  // namespace detail

/// to_string(verb): "create", "update", "replace" or "delete" (verb::remove: the plan's word,
/// Terraform's; the enumerator and the actuator's member are `remove`, `delete` being a keyword).
constexpr std::string_view to_string(verb v) noexcept {
  switch (v) {
    case verb::create: return "create";
    case verb::update: return "update";
    case verb::replace: return "replace";
    case verb::remove: return "delete";
  }
  return "?";
}

/// address_of(kind, key): the address of a resource as action::address() spells it, e.g.
/// address_of("volumes", std::string("data")) == `volumes["data"]`; for plan_options::depends_on.
template <class K>
std::string address_of(std::string_view kind, const K& key) {
  std::string s(kind);
  s += '[';
  detail::print_value(s, key);
  s += ']';
  return s;
}

/// action: one step of a plan: create, update, replace or remove one resource of one kind.
/// Owns copies of its key and resources. The typed parts are read with key_as<K>(),
/// observed_as<R>(), desired_as<R>() and changes_as<R>(): each returns nullptr when the
/// action's key or resource type is not the one asked for (or the part does not exist).
/// Example:
///   for (const reconcile::action& a : p)
///     if (const Deployment* d = a.desired_as<Deployment>()) std::cout << d->replicas;
class action {
 public:
  action(const action&) = delete;
  action& operator=(const action&) = delete;
  virtual ~action() = default;

  reconcile::verb verb() const noexcept { return verb_; }
  /// The world field's name, e.g. "deployments" ("resources" for a single collection).
  std::string_view kind() const noexcept { return kind_; }
  /// The world field's index (declaration order).
  std::size_t kind_index() const noexcept { return kind_index_; }
  /// The key as printed in paths, e.g. `"web"` (strings quoted).
  const std::string& key_text() const noexcept { return key_text_; }
  /// The resource's path in the world, e.g. `deployments["web"]`.
  std::string address() const { return std::string(kind_) + "[" + key_text_ + "]"; }
  /// A stable hash of kind, verb, key and desired content (see content_hash: equal contents
  /// built in any order hash alike): the same action planned again (after a crash, on another
  /// machine) has the same key; usable as a request id or client order id.
  std::uint64_t idempotency_key() const noexcept { return idempotency_key_; }
  /// idempotency_key() as 16 lowercase hex digits.
  std::string idempotency_id() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 0; i < 16; ++i) s[static_cast<std::size_t>(15 - i)] = hex[(idempotency_key_ >> (4 * i)) & 15];
    return s;
  }
  /// The request id of this attempt, for the venue or cloud to dedupe on (FIX ClOrdID, EC2
  /// ClientToken, Stripe Idempotency-Key): derived from address(), the desired content and
  /// attempt(), spelled by plan_options::request_ids. Every retry of one attempt while it is
  /// open (after a failure of unknown outcome, after a restart over a journal) carries the
  /// same id; a new attempt (the earlier one settled: observed, definitely failed, or expired
  /// by the expectations' TTL; or the desired content changed) carries a new one.
  const std::string& request_id() const noexcept { return request_id_; }
  /// The attempt generation on this address that request_id() belongs to: 0 without
  /// expectations; with them (plan_options::expect), the expectations count attempts per
  /// address and keep the number of one still open.
  std::uint32_t attempt() const noexcept { return attempt_; }
  /// For update: the changes, one per line (`~ replicas: 2 -> 3`); for replace: the paths of
  /// the immutable fields that force it, e.g. "name".
  const std::vector<std::string>& details() const noexcept { return details_; }
  /// For replace: whether the new resource is created before the old one is removed.
  bool create_before_destroy() const noexcept { return create_before_destroy_; }
  /// True when the plan was made with expectations (plan_options::expect) and an earlier action
  /// on this resource was then in flight: issued, not yet observed, not expired. execute does
  /// not issue it while that lasts (its outcome is `expected` or `held`).
  bool held() const noexcept { return !held_reason_.empty(); }
  /// True when it is held because the identical action (same idempotency key) is in flight:
  /// execute reports it `expected`, and the plan renders it `# expected: ...`, not `# held`.
  bool expected() const noexcept { return expected_; }
  /// Why it is held, e.g. `waiting for the create in flight (issued 2000 ms ago, expires in
  /// 28000 ms) to be observed`; empty when it is not.
  const std::string& held_reason() const noexcept { return held_reason_; }

  /// holds<R>(): the action's resource type is R.
  template <class R>
  bool holds() const noexcept {
    return resource_type_ == &detail::type_id<R>;
  }
  /// The key, if its type is K.
  template <class K>
  const K* key_as() const noexcept {
    return static_cast<const K*>(part(part_id::key, &detail::type_id<K>));
  }
  /// The resource as observed (update, replace, remove), if its type is R.
  template <class R>
  const R* observed_as() const noexcept {
    return static_cast<const R*>(part(part_id::observed, &detail::type_id<R>));
  }
  /// The resource as desired (create, update, replace), if its type is R.
  template <class R>
  const R* desired_as() const noexcept {
    return static_cast<const R*>(part(part_id::desired, &detail::type_id<R>));
  }
  /// The changes from observed to desired (update, replace), if the resource type is R.
  template <class R>
  const changeset<R>* changes_as() const noexcept {
    return static_cast<const changeset<R>*>(part(part_id::changes, &detail::type_id<R>));
  }

 protected:
  enum class part_id : unsigned char { key, observed, desired, changes };
  action(reconcile::verb v, std::string_view kind, std::size_t kind_index, std::string key_text,
         const void* resource_type)
      : verb_(v), kind_(kind), kind_index_(kind_index), key_text_(std::move(key_text)), resource_type_(resource_type) {}
  // The part asked for, or nullptr when it is absent or its type is not `type`.
  virtual const void* part(part_id p, const void* type) const noexcept = 0;
  // What the action drives its resource toward, for expectations.
  virtual std::unique_ptr<detail::expected_target> target() const = 0;
  // content_hash of the observed resource (for an expectation reloaded from a journal, which
  // knows its target by hash only); 0 when there is none.
  virtual std::uint64_t observed_hash() const = 0;
  friend class reconcile::expectations;
  friend struct detail::action_access;

  reconcile::verb verb_;
  std::string_view kind_;  // a field name: static storage
  std::size_t kind_index_;
  std::string key_text_;
  const void* resource_type_;
  std::uint64_t idempotency_key_ = 0;
  std::vector<std::string> details_;
  bool create_before_destroy_ = false;
  bool expected_ = false;
  std::string held_reason_;
  std::uint64_t target_hash_ = 0;  // content_hash of the desired resource; 0 for a remove
  std::uint32_t attempt_ = 0;
  std::string request_id_;
};

namespace detail {

// The expected targets' tests against a later action (declared in detail/expected_target.hpp).
template <class K, class R>
bool expected_of<K, R>::met_by(const action& later) const {
  return later.holds<R>() && met_by(static_cast<const void*>(later.observed_as<R>()));
}

// Lets expectations and plan_for set what they decide about an action (attempt, request id,
// hold) and read its hashes, without public mutators.
struct action_access {
  static std::uint64_t target_hash(const action& a) noexcept { return a.target_hash_; }
  static std::uint64_t observed_hash(const action& a) { return a.observed_hash(); }
  static std::unique_ptr<expected_target> target(const action& a) { return a.target(); }
  static void hold(action& a, std::string reason, bool identical) {
    a.held_reason_ = std::move(reason);
    a.expected_ = identical;
  }
  // attempt n: the request id from address, content and n, spelled by `f`.
  static void attempt(action& a, std::uint32_t n, const request_id_format& f) {
    a.attempt_ = n;
    content_hash h;
    h.text(a.kind_);
    h.text(a.key_text_);
    h.word(a.target_hash_);
    h.word(static_cast<std::uint64_t>(a.verb_));
    h.word(n);
    a.request_id_ = f.prefix;
    std::uint64_t s = h.h;
    const auto base = static_cast<std::uint64_t>(f.alphabet.size());
    while (a.request_id_.size() < f.length) {
      s += 0x9e3779b97f4a7c15ull;  // splitmix64: one digit per step
      std::uint64_t z = s;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      z ^= z >> 31;
      a.request_id_ += f.alphabet[static_cast<std::size_t>(z % base)];
    }
  }
};

inline bool restored_target::met_by(const action& later) const {
  return action_access::observed_hash(later) == hash;
}

// resource_action<K, R>: an action with its typed key and owned copies of the resources.
template <class K, class R>
class resource_action final : public action {
 public:
  resource_action(reconcile::verb v, std::string_view kind, std::size_t kind_index, const K& key,
                  const R* observed, const R* desired, bool cbd)
      : action(v, kind, kind_index, printed(key), &type_id<R>), key_(key) {
    if (observed) observed_.emplace(*observed);
    if (desired) desired_.emplace(*desired);
    create_before_destroy_ = cbd;
    content_hash h;
    h.text(kind);
    h.word(static_cast<std::uint64_t>(v));
    h.text(key_text_);
    h.word(desired ? 1 : 0);
    if (desired) target_hash_ = hash_of(*desired);
    if (desired) h.word(target_hash_);
    idempotency_key_ = h.h;
  }
  // content_hash, never 0 (0 stands for absence).
  static std::uint64_t hash_of(const R& r) {
    const std::uint64_t h = content_hash::of(r, default_rule);
    return h ? h : 1;
  }
  const K& key() const noexcept { return key_; }
  const R& observed() const noexcept { return *observed_; }
  const R& desired() const noexcept { return *desired_; }
  const changeset<R>& changes() const noexcept { return changes_; }
  changeset<R>& changes_slot() noexcept { return changes_; }
  std::vector<std::string>& details_slot() noexcept { return details_; }

 protected:
  std::unique_ptr<expected_target> target() const override {
    auto t = std::make_unique<expected_of<K, R>>(kind_index_, key_, desired_);
    t->hash = target_hash_;
    return t;
  }
  std::uint64_t observed_hash() const override { return observed_ ? hash_of(*observed_) : 0; }

 private:
  const void* part(part_id p, const void* type) const noexcept override {
    switch (p) {
      case part_id::key: return type == &type_id<K> ? &key_ : nullptr;
      case part_id::observed: return type == &type_id<R> && observed_ ? &*observed_ : nullptr;
      case part_id::desired: return type == &type_id<R> && desired_ ? &*desired_ : nullptr;
      case part_id::changes:
        return type == &type_id<R> && (verb_ == verb::update || verb_ == verb::replace) ? &changes_ : nullptr;
    }
    return nullptr;
  }
  static std::string printed(const K& k) {
    std::string s;
    print_value(s, k);
    return s;
  }
  K key_;
  std::optional<R> observed_, desired_;
  changeset<R> changes_;
};

}  // namespace detail
}  // namespace reconcile
