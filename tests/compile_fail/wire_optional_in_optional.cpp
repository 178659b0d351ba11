// expect: reconcile::wire::encode: an optional (or pointer) directly inside another
#include <reconcile/wire.hpp>

#include <optional>
#include <vector>

struct Setting {
  std::optional<std::optional<int>> level;  // "unset" and "set to nothing": ambiguous changes
};

int main() {
  std::vector<unsigned char> out;
  Setting a, b;
  reconcile::wire::encode(out, reconcile::diff(a, b));
  return 0;
}
