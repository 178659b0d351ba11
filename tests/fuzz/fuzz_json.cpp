// libFuzzer target for reconcile/json.hpp (built and run by scripts/fuzz). Each input is fed
// to from_json, load_json (strict and lenient) and apply_json_patch on a Deployment-like type.
// Besides the sanitizers, it checks:
//   - the only exception that escapes is reconcile::json_error;
//   - on a json_error the target is unchanged (all-or-nothing);
//   - a value read successfully writes back to JSON that reads back to the same JSON;
//   - after a successful patch, to_json_patch(sample, diff(sample, patched)) replayed by
//     nlohmann's json::patch on to_json(sample) gives to_json of the applied changeset.
#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/json.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace fz {

enum class Phase { pending, running, failed };
struct Port {
  int number = 0;
  std::string protocol = "tcp";
};
struct Container {
  std::string name;
  std::string image;
  int cpu_millis = 100;
  std::vector<std::string> args;
  std::deque<Port> ports;
};
struct HttpProbe {
  std::string path;
  std::uint16_t port = 80;
};
struct ExecProbe {
  std::vector<std::string> command;
};
struct Status {
  Phase phase = Phase::pending;
  int ready = 0;
};
struct Deployment {
  std::string name;
  int replicas = 1;
  std::map<std::string, std::string> labels;
  std::vector<Container> containers;
  std::vector<Container> init;
  std::optional<std::string> strategy;
  double max_surge = 0.25;
  std::variant<std::monostate, HttpProbe, ExecProbe> probe;
  std::map<int, std::string> node_ports;
  std::map<std::pair<int, int>, Phase> grid;
  std::set<std::string> tags;
  std::vector<std::string> hosts;
  std::unordered_map<std::string, std::int64_t> limits;
  std::chrono::milliseconds timeout{30000};
  std::shared_ptr<Status> cached;
  std::tuple<bool, char, float> misc;
  Status status;
};
constexpr auto reconcile_rules(reconcile::type_t<Deployment>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Deployment::name> | required | immutable,
                          field<&Deployment::containers> | keyed_by<&Container::name>,
                          field<&Deployment::init> | keyed_by<&Container::name> | ordered,
                          field<&Deployment::hosts> | unordered, field<&Deployment::status> | ignore);
}
constexpr auto reconcile_rules(reconcile::type_t<Container>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Container::ports> | keyed_by<&Port::number>);
}

Deployment sample() {
  Deployment d;
  d.name = "web";
  d.replicas = 3;
  d.labels = {{"app", "web"}, {"a/b~c", "x"}};
  d.containers = {{"web", "nginx:1.0", 100, {"-v"}, {{80, "tcp"}}}, {"sidecar", "envoy", 50, {}, {}}};
  d.init = {{"migrate", "tool", 10, {}, {}}, {"warm", "tool", 10, {}, {}}};
  d.probe = HttpProbe{"/healthz", 8080};
  d.node_ports = {{30080, "http"}};
  d.grid = {{{0, 1}, Phase::running}};
  d.tags = {"blue", "prod"};
  d.hosts = {"a", "b", "a"};
  d.cached = std::make_shared<Status>(Status{Phase::running, 2});
  return d;
}

[[noreturn]] void broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_json invariant broken: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// Writes v, reads it back, writes again: both texts must agree.
void check_round_trip(const Deployment& v) {
  const std::string text = reconcile::to_json(v);
  const Deployment back = reconcile::from_json<Deployment>(text);
  if (reconcile::to_json(back) != text) broken("round trip", text + "\n" + reconcile::to_json(back));
}

void check_patch(const Deployment& from, const Deployment& to) {
  const reconcile::changeset<Deployment> cs = reconcile::diff(from, to);
  const nlohmann::json patch = reconcile::to_json_patch_value(from, cs);
  Deployment applied = from;
  reconcile::apply(applied, cs);
  nlohmann::json doc = reconcile::to_json_value(from);
  doc.patch_inplace(patch);
  if (doc != reconcile::to_json_value(applied)) broken("to_json_patch", patch.dump());
}

}  // namespace fz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fz;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const Deployment base = sample();
  static const std::string base_json = reconcile::to_json(base);
  reconcile::json_options strict;
  strict.unknown_members_are_errors = true;
  strict.max_depth = 16;

  try {
    check_round_trip(reconcile::from_json<Deployment>(text));
  } catch (const reconcile::json_error&) {
  }
  for (const reconcile::json_options& o : {reconcile::json_options{}, strict}) {
    Deployment d = base;
    try {
      reconcile::load_json(d, text, o);
      check_round_trip(d);
      check_patch(base, d);
    } catch (const reconcile::json_error&) {
      if (reconcile::to_json(d) != base_json) broken("load_json changed its target on error", std::string(text));
    }
  }
  Deployment p = base;
  try {
    reconcile::apply_json_patch(p, text);
    check_round_trip(p);
    check_patch(base, p);
    check_patch(p, base);
  } catch (const reconcile::json_error&) {
    if (reconcile::to_json(p) != base_json) broken("apply_json_patch changed its target on error", std::string(text));
  }
  return 0;
}
