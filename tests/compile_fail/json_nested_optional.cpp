// expect: reconcile::to_json: T holds an optional<optional<U>>
// max-lines: 12
// optional<optional<T>> engaged-but-empty would be written as null and read back empty: the
// JSON layer refuses the type at compile time.
#include <reconcile/json.hpp>

#include <optional>
#include <vector>

struct Setting {
  std::vector<std::optional<std::optional<int>>> overrides;
};

int main() { return static_cast<int>(reconcile::to_json(Setting{}).size()); }
