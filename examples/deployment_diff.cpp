// Diff a Kubernetes-like Deployment against its desired state, print the changes, apply them.
// Run with --check to verify the output instead of only printing it.
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace k8s {

enum class Phase { pending, running, degraded };
struct Status {
  Phase phase = Phase::pending;
  int ready_replicas = 0;
};
struct Container {
  std::string name;
  std::string image;
  int cpu_millis = 100;
  std::vector<std::string> args;
};
struct Deployment {
  std::string name;
  int replicas = 1;
  std::map<std::string, std::string> labels;
  std::vector<Container> containers;
  std::optional<std::string> strategy;
  double max_surge = 0.25;
  Status status;  // observed only
};

constexpr auto reconcile_rules(reconcile::type_t<Deployment>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Deployment::status> | ignore,
                          field<&Deployment::containers> | keyed_by<&Container::name>,
                          field<&Deployment::max_surge> | tolerance(1e-9),
                          field<&Deployment::name> | immutable);
}

}  // namespace k8s

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;

  k8s::Deployment observed{
      .name = "web",
      .replicas = 3,
      .labels = {{"app", "web"}, {"canary", "true"}},
      .containers = {{"web", "nginx:1.25", 250, {"--port=80"}}, {"metrics", "exporter:0.9", 50, {}}},
      .strategy = std::nullopt,
      .max_surge = 0.25,
      .status = {k8s::Phase::running, 3},
  };
  k8s::Deployment desired = observed;
  desired.replicas = 5;
  desired.labels.erase("canary");
  desired.labels["tier"] = "frontend";
  desired.containers = {{"log-shipper", "fluent-bit:2.1", 50, {"-c", "/etc/fb.conf"}},
                        {"web", "nginx:1.27", 250, {"--port=80", "--http2"}}};
  desired.strategy = "RollingUpdate";
  desired.max_surge = 0.25 + 1e-12;     // within tolerance: no change
  desired.status.phase = k8s::Phase::degraded;  // ignored

  reconcile::changeset<k8s::Deployment> cs = reconcile::diff(observed, desired);
  const std::string text = fmt::format("{}", cs);
  fmt::print("diff(observed, desired): {} changes\n{}\n\n", cs.size(), text);

  reconcile::apply(observed, cs);
  const bool converged = reconcile::equal(observed, desired);
  fmt::print("after apply: equal(observed, desired) = {}, replicas = {}, image of web = {}\n", converged,
             observed.replicas, observed.containers[0].image);

  desired.name = "web-v2";
  fmt::print("\nrenaming the deployment:\n{}\n", reconcile::diff(observed, desired));

  if (check) {
    const std::string expected =
        "~ replicas: 3 -> 5\n"
        "- labels[\"canary\"]\n"
        "+ labels[\"tier\"]: \"frontend\"\n"
        "~ containers[\"web\"].image: \"nginx:1.25\" -> \"nginx:1.27\"\n"
        "+ containers[\"web\"].args[1]: \"--http2\"\n"
        "- containers[\"metrics\"]\n"
        "+ containers[\"log-shipper\"]: {name: \"log-shipper\", image: \"fluent-bit:2.1\", cpu_millis: 50, "
        "args: [\"-c\", \"/etc/fb.conf\"]}\n"
        "+ strategy: \"RollingUpdate\"";
    if (text != expected || !converged || !reconcile::diff(observed, desired).requires_replace()) {
      fmt::print(stderr, "check failed; expected:\n{}\n", expected);
      return 1;
    }
    fmt::print("\ncheck passed\n");
  }
}
