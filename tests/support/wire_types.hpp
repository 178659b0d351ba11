// tests/support/wire_types.hpp - types for the reconcile/wire tests: a small game arena with
// quantized positions, every kind the codec encodes, nested optionals and variants.
#pragma once

#include <reconcile/rules.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace wiretest {

struct Unit {
  std::uint32_t id = 0;
  float x = 0, y = 0;
  std::int32_t hp = 100;
  bool operator==(const Unit&) const = default;
};
struct Arena {
  std::vector<Unit> units;
  bool operator==(const Arena&) const = default;
};
constexpr auto reconcile_rules(reconcile::type_t<Arena>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Arena::units> | keyed_by<&Unit::id>);
}
constexpr auto reconcile_rules(reconcile::type_t<Unit>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Unit::x> | quantize(0.01), field<&Unit::y> | quantize(0.01));
}

// Arena's shape with a field renamed; with a coarser quantize step.
struct UnitV2 {
  std::uint32_t id = 0;
  float x = 0, y = 0;
  std::int32_t health = 100;
};
struct ArenaV2 {
  std::vector<UnitV2> units;
};
constexpr auto reconcile_rules(reconcile::type_t<ArenaV2>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&ArenaV2::units> | keyed_by<&UnitV2::id>);
}
struct UnitCoarse {
  std::uint32_t id = 0;
  float x = 0, y = 0;
  std::int32_t hp = 100;
};
constexpr auto reconcile_rules(reconcile::type_t<UnitCoarse>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&UnitCoarse::x> | quantize(0.1), field<&UnitCoarse::y> | quantize(0.01));
}
struct ArenaCoarse {
  std::vector<UnitCoarse> units;
};
constexpr auto reconcile_rules(reconcile::type_t<ArenaCoarse>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&ArenaCoarse::units> | keyed_by<&UnitCoarse::id>);
}

struct Secretive {
  int a = 0;
  std::string secret;
  int b = 0;
};
constexpr auto reconcile_rules(reconcile::type_t<Secretive>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Secretive::secret> | ignore);
}

enum class Mode : std::int8_t { off = -1, idle = 0, run = 3 };
struct Item {
  std::int64_t key = 0;
  std::string label;
  double weight = 0;
};
// One field of each kind the codec encodes.
struct Kinds {
  bool flag = false;
  std::int8_t small = 0;
  std::uint16_t port = 0;
  std::int64_t big = 0;
  std::uint64_t ubig = 0;
  float f = 0;
  double d = 0;
  double grid = 0;  // quantize(0.5)
  Mode mode = Mode::idle;
  std::string text;
  std::u8string u8;
  std::chrono::milliseconds timeout{0};
  std::chrono::system_clock::time_point stamp{};
  std::vector<int> list;
  std::vector<float> samples;  // quantize(0.25), per element
  std::array<std::int16_t, 3> coords{};
  std::map<std::string, double> gauges;
  std::unordered_map<int, std::string> names;
  std::set<std::string> tags;
  std::vector<Item> items;      // keyed_by key (integral keys: gaps)
  std::vector<Item> ordered;    // keyed_by label | ordered
  std::vector<std::string> bag;  // unordered (a multiset)
  std::optional<int> maybe;
  std::tuple<int, std::string, bool> triple;
  std::unique_ptr<Item> owned;
};
constexpr auto reconcile_rules(reconcile::type_t<Kinds>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Kinds::grid> | quantize(0.5), field<&Kinds::samples> | quantize(0.25),
                          field<&Kinds::items> | keyed_by<&Item::key>,
                          field<&Kinds::ordered> | keyed_by<&Item::label> | ordered,
                          field<&Kinds::bag> | unordered);
}

// Optionals and variants inside each other and inside containers.
struct Leafy {
  int n = 0;
  std::optional<std::string> note;
};
struct Nested {
  std::optional<Leafy> leafy;
  std::variant<int, std::string, Leafy> choice;
  std::optional<std::variant<int, Leafy>> maybe_choice;
  std::variant<std::string, std::optional<int>, std::vector<Leafy>> deep;
  std::vector<std::optional<Leafy>> slots;
  std::map<int, std::variant<int, std::string>> table;
  std::vector<std::variant<int, std::string>> mixed;
  std::shared_ptr<Leafy> shared;
};

}  // namespace wiretest
