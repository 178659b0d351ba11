// tests/support/fake_cloud.hpp - an in-memory cloud for the plan/execute tests: three kinds of
// resource, an actuator that records every call and fails on demand (each kind by another
// mechanism: exception, false, std::error_code), and an observer that lags behind it.
//
//   fake::cloud<fake::World> c;            // c.state is the truth
//   c.fail("create volumes[\"logs\"]");     // every such call fails until c.heal()
//   auto r = reconcile::execute(reconcile::plan_for(c.state, want), c);
//   c.calls                                 // {"create volumes[\"logs\"]", ...}
#pragma once

#include <reconcile/reconcile.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace fake {

// A disk. Changing its zone forces a replace.
struct Volume {
  std::string zone = "eu-1";
  int size_gb = 10;
  std::unordered_map<std::string, std::string> tags;
};
constexpr auto reconcile_rules(reconcile::type_t<Volume>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Volume::zone> | immutable);
}

struct Port {
  std::string name;
  int number = 0;
};

// The contract's deployment: renaming it forces a replace; status is observed-only.
struct Deployment {
  std::string name;
  std::string image;
  int replicas = 1;
  std::vector<Port> ports;
  std::string status;
};
constexpr auto reconcile_rules(reconcile::type_t<Deployment>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Deployment::name> | immutable, field<&Deployment::ports> | keyed_by<&Port::name>,
                          field<&Deployment::status> | ignore);
}

// A DNS record, kept in a vector keyed by its fqdn.
struct Record {
  std::string fqdn;
  std::string target;
  int ttl = 300;
};

// Kinds in dependency order: volumes, then deployments, then records.
struct World {
  std::map<std::string, Volume> volumes;
  std::unordered_map<std::string, Deployment> deployments;
  std::vector<Record> records;
};
constexpr auto reconcile_rules(reconcile::type_t<World>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&World::records> | keyed_by<&Record::fqdn>);
}

// The same world, but a deployment's replace creates the new one first.
struct CbdWorld {
  std::map<std::string, Volume> volumes;
  std::unordered_map<std::string, Deployment> deployments;
  std::vector<Record> records;
};
constexpr auto reconcile_rules(reconcile::type_t<CbdWorld>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&CbdWorld::records> | keyed_by<&Record::fqdn>,
                          field<&CbdWorld::deployments> | create_before_destroy);
}

// The same world, but volumes must never be destroyed.
struct ProtectedWorld {
  std::map<std::string, Volume> volumes;
  std::unordered_map<std::string, Deployment> deployments;
  std::vector<Record> records;
};
constexpr auto reconcile_rules(reconcile::type_t<ProtectedWorld>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&ProtectedWorld::records> | keyed_by<&Record::fqdn>,
                          field<&ProtectedWorld::volumes> | prevent_destroy);
}

inline std::string call_text(std::string_view verb, std::string_view kind, const std::string& key) {
  return std::string(verb) + " " + std::string(kind) + "[\"" + key + "\"]";
}

// cloud<W>: the actuator. Thread-safe (parallel execute): every call takes the mutex, except
// the on_call hook, which runs first, unlocked (tests block in it to prove overlap).
template <class W>
class cloud {
 public:
  W state;                         // the truth
  std::vector<std::string> calls;  // every call, in order: `create volumes["a"]`
  std::function<void(const std::string& call)> on_call;

  // fail(call): every call with this text fails until heal(); a volume call by throwing, a
  // deployment call by returning false, a record call by returning an error_code.
  void fail(const std::string& call) {
    std::lock_guard lk(mutex_);
    failing_.insert(call);
  }
  void heal() {
    std::lock_guard lk(mutex_);
    failing_.clear();
  }
  std::vector<std::string> log() const {
    std::lock_guard lk(mutex_);
    return calls;
  }
  // locked(f): f() under the cloud's mutex (to read state while calls run on other threads).
  template <class F>
  auto locked(F&& f) const {
    std::lock_guard lk(mutex_);
    return f();
  }

  void create(const std::string& k, const Volume& v) {
    if (begin("create", "volumes", k)) throw std::runtime_error("quota exceeded for " + k);
    std::lock_guard lk(mutex_);
    if (!state.volumes.emplace(k, v).second) throw std::logic_error("volume exists: " + k);
  }
  void update(const std::string& k, const Volume& o, const Volume& d, const reconcile::changeset<Volume>& cs) {
    if (begin("update", "volumes", k)) throw std::runtime_error("volume busy: " + k);
    std::lock_guard lk(mutex_);
    Volume& v = state.volumes.at(k);
    if (!reconcile::equal(v, o)) throw std::logic_error("stale observation of " + k);
    reconcile::apply(v, cs);
    if (!reconcile::equal(v, d)) throw std::logic_error("changeset does not reach desired for " + k);
  }
  void remove(const std::string& k, const Volume&) {
    if (begin("remove", "volumes", k)) throw std::runtime_error("volume in use: " + k);
    std::lock_guard lk(mutex_);
    if (state.volumes.erase(k) != 1) throw std::logic_error("no volume " + k);
  }

  bool create(const std::string& k, const Deployment& d) {
    if (begin("create", "deployments", k)) return false;
    std::lock_guard lk(mutex_);
    return state.deployments.emplace(k, d).second;
  }
  bool update(const std::string& k, const Deployment&, const Deployment& d, const reconcile::changeset<Deployment>&) {
    if (begin("update", "deployments", k)) return false;
    std::lock_guard lk(mutex_);
    auto it = state.deployments.find(k);
    if (it == state.deployments.end()) return false;
    it->second = d;
    return true;
  }
  bool remove(const std::string& k, const Deployment&) {
    if (begin("remove", "deployments", k)) return false;
    std::lock_guard lk(mutex_);
    return state.deployments.erase(k) == 1;
  }

  std::error_code create(const std::string& k, const Record& r) {
    if (begin("create", "records", k)) return std::make_error_code(std::errc::permission_denied);
    std::lock_guard lk(mutex_);
    if (find(k) != state.records.end()) return std::make_error_code(std::errc::file_exists);
    state.records.push_back(r);
    return {};
  }
  std::error_code update(const std::string& k, const Record&, const Record& d, const reconcile::changeset<Record>&) {
    if (begin("update", "records", k)) return std::make_error_code(std::errc::permission_denied);
    std::lock_guard lk(mutex_);
    auto it = find(k);
    if (it == state.records.end()) return std::make_error_code(std::errc::no_such_file_or_directory);
    *it = d;
    return {};
  }
  std::error_code remove(const std::string& k, const Record&) {
    if (begin("remove", "records", k)) return std::make_error_code(std::errc::permission_denied);
    std::lock_guard lk(mutex_);
    auto it = find(k);
    if (it == state.records.end()) return std::make_error_code(std::errc::no_such_file_or_directory);
    state.records.erase(it);
    return {};
  }

 private:
  // Logs the call, runs the hook; true when the call must fail.
  bool begin(std::string_view verb, std::string_view kind, const std::string& k) {
    const std::string text = call_text(verb, kind, k);
    if (on_call) on_call(text);
    std::lock_guard lk(mutex_);
    calls.push_back(text);
    return failing_.contains(text);
  }
  auto find(const std::string& fqdn) {
    return std::find_if(state.records.begin(), state.records.end(), [&](const Record& r) { return r.fqdn == fqdn; });
  }

  mutable std::mutex mutex_;
  std::set<std::string> failing_;
};

// A cloud with a native replace for deployments (one call instead of remove + create).
template <class W>
class replacing_cloud : public cloud<W> {
 public:
  bool replace(const std::string& k, const Deployment&, const Deployment& d) {
    this->calls.push_back(call_text("replace", "deployments", k));
    this->state.deployments[k] = d;
    return true;
  }
};

// lagging_observer: what a watch cache or an eventually consistent API shows: a copy of the
// cloud's state taken at the last catch_up(), not the state itself.
template <class W>
class lagging_observer {
 public:
  explicit lagging_observer(const cloud<W>& c) : cloud_(&c), seen_(c.state) {}
  const W& observe() const { return seen_; }
  void catch_up() { seen_ = cloud_->state; }

 private:
  const cloud<W>* cloud_;
  W seen_;
};

}  // namespace fake

#ifdef DOCTEST_LIBRARY_INCLUDED
// Failed CHECKs on vectors of strings print their elements.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + ("\"" + v[i] + "\"");
    s += "}";
    return doctest::String(s.c_str());
  }
};
#endif
