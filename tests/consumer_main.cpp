// The README's hello program, built by each consumer project (tests/find_package,
// tests/add_subdirectory, tests/fetchcontent; RECONCILE_CONSUMER names it) with the strict
// warning set (-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror,
// headers not SYSTEM); it checks its own output.
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <map>
#include <string>

struct Service {
  std::string image;
  int replicas = 1;
  std::map<std::string, std::string> labels;
};

int main() {
  Service observed{"nginx:1.25", 3, {{"tier", "web"}}};
  Service desired{"nginx:1.27", 5, {{"tier", "web"}, {"team", "edge"}}};
  auto changes = reconcile::diff(observed, desired);
  const std::string text = fmt::format("{}", changes);
  reconcile::apply(observed, changes);
  if (text != "~ image: \"nginx:1.25\" -> \"nginx:1.27\"\n~ replicas: 3 -> 5\n+ labels[\"team\"]: \"edge\"" ||
      !reconcile::equal(observed, desired)) {
    std::printf("%s consumer: unexpected result:\n%s\n", RECONCILE_CONSUMER, text.c_str());
    return 1;
  }
  std::printf("%s consumer: ok\n", RECONCILE_CONSUMER);
  return 0;
}
