// The pieces of examples/gitops: the desired apps (one JSON file each), the "cluster" they
// render to (a directory of JSON files: a config file per app, a pod file per replica), how
// that directory is read back (observe) and written (the actuator).
#pragma once

#include <reconcile/json.hpp>
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace gitops {

namespace fs = std::filesystem;

// desired/<app>.json
struct App {
  std::string image;
  int replicas = 1;
  int port = 80;
  std::map<std::string, std::string> env;
};

// cluster/<app>.config.json and cluster/<app>-<n>.pod.json
struct ConfigMap {
  std::map<std::string, std::string> data;
};
struct Pod {
  std::string app;
  std::string image;
  int port = 80;
  std::string config;  // the ConfigMap it mounts
};
// The world a plan covers: kinds in dependency order (configs are created before the pods
// that mount them, and deleted after them).
struct Cluster {
  std::map<std::string, ConfigMap> configmaps;
  std::map<std::string, Pod> pods;
};

// A pod's image cannot change in place: a new image replaces the pod (delete, then create).
// Port and config are patched in place.
constexpr auto reconcile_rules(reconcile::type_t<Pod>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Pod::image> | immutable);
}
// The replica count must be spelled out in every app file.
constexpr auto reconcile_rules(reconcile::type_t<App>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&App::replicas> | required);
}

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
inline void write_file(const fs::path& p, const std::string& text) { std::ofstream(p) << text << '\n'; }

// render(apps): the cluster the apps describe.
inline Cluster render(const std::map<std::string, App>& apps) {
  Cluster c;
  for (const auto& [name, app] : apps) {
    c.configmaps[name] = {app.env};
    for (int i = 0; i < app.replicas; ++i) c.pods[fmt::format("{}-{}", name, i)] = {name, app.image, app.port, name};
  }
  return c;
}

// observe(dir): the cluster as the files say. A file that does not parse is reported and
// observed as an empty resource, so the plan rewrites it (or deletes it, if unwanted).
inline Cluster observe(const fs::path& dir, std::vector<std::string>* problems = nullptr) {
  Cluster c;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    auto load = [&](auto& kind, std::string_view suffix) {
      if (!file.ends_with(suffix)) return false;
      auto& slot = kind[file.substr(0, file.size() - suffix.size())];
      try {
        reconcile::load_json(slot, read_file(entry.path()));
      } catch (const reconcile::json_error& e) {
        if (problems) problems->push_back(fmt::format("cluster/{}: {}", file, e.what()));
      }
      return true;
    };
    if (!load(c.configmaps, ".config.json")) load(c.pods, ".pod.json");
  }
  return c;
}

// files: the actuator. Each resource is a file; update rewrites it, replace deletes it and
// writes it again (execute's default for a replace without a replace() overload).
struct files {
  fs::path dir;
  void create(const std::string& name, const ConfigMap& c) { write_file(dir / (name + ".config.json"), reconcile::to_json(c, 2)); }
  void update(const std::string& name, const ConfigMap&, const ConfigMap& c, const reconcile::changeset<ConfigMap>&) {
    create(name, c);
  }
  void remove(const std::string& name, const ConfigMap&) { fs::remove(dir / (name + ".config.json")); }
  void create(const std::string& name, const Pod& p) { write_file(dir / (name + ".pod.json"), reconcile::to_json(p, 2)); }
  void update(const std::string& name, const Pod&, const Pod& p, const reconcile::changeset<Pod>&) { create(name, p); }
  void remove(const std::string& name, const Pod&) { fs::remove(dir / (name + ".pod.json")); }
};

}  // namespace gitops
