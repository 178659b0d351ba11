// tests/support/model.hpp - state types shared by the tests: one of each supported shape,
// with and without rules. Everything here is at namespace scope (reflection needs it).
#pragma once

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/format.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>

#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace model {

enum class Phase { pending, running, failed };
enum class Color : unsigned char { red = 1, green = 2, blue = 4 };
enum Plain { plain_a, plain_b = 7 };  // unscoped

// A leaf type: not an aggregate (private state), compared only with operator==, and not
// printable (no fmt formatter): printed as <model::Version>.
class Version {
 public:
  Version() = default;
  Version(int major, int minor) : major_(major), minor_(minor) {}
  bool operator==(const Version&) const = default;
  int major() const { return major_; }
  int minor() const { return minor_; }

 private:
  int major_ = 0;
  int minor_ = 0;
};

// ---- the contract's Deployment, with its rules ----

struct Container {
  std::string name;
  std::string image;
  int cpu_millis = 100;
  std::vector<std::string> args;
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
  std::optional<std::string> strategy;
  double max_surge = 0.25;
  Status status;  // observed only: ignored
};
constexpr auto reconcile_rules(reconcile::type_t<Deployment>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Deployment::status> | ignore,
                          field<&Deployment::containers> | keyed_by<&Container::name>,
                          field<&Deployment::max_surge> | tolerance(1e-9),
                          field<&Deployment::name> | immutable);
}

// The same shape with no rules at all: default semantics everywhere.
struct Pod {
  std::string name;
  int replicas = 1;
  std::map<std::string, std::string> labels;
  std::vector<Container> containers;
  std::optional<std::string> strategy;
  double max_surge = 0.25;
  Status status;
};

// ---- one field of each supported type, default semantics ----

struct Point {
  int x = 0;
  int y = 0;
};
struct Everything {
  bool flag = false;
  char letter = 'a';
  int count = 0;
  std::uint64_t big = 0;
  double ratio = 0;
  float f = 0;
  Phase phase = Phase::pending;
  Color color = Color::red;
  std::string text;
  std::chrono::milliseconds timeout{0};
  std::chrono::system_clock::time_point stamp{};
  std::chrono::steady_clock::time_point tick{};
  Version version;
  std::vector<int> args;
  std::deque<std::string> queue;
  std::list<int> history;
  std::array<int, 3> triple{};
  std::map<std::string, int> limits;
  std::unordered_map<std::string, std::string> env;
  std::set<std::string> tags;
  std::unordered_set<int> ports;
  std::optional<int> maybe;
  std::variant<int, std::string, Point> choice;
  std::pair<int, std::string> range;
  std::tuple<int, std::string, double> triplet;
  std::unique_ptr<Point> owned;
  std::shared_ptr<Point> shared;
  std::vector<Point> points;
  Point origin;
};  // move-only (unique_ptr): tests copy it with test::deep_copy

// ---- Hana structs ----

struct HanaBox {
  BOOST_HANA_DEFINE_STRUCT(HanaBox, (std::string, label), (int, size), (double, weight), (std::vector<Point>, corners));
};
constexpr auto reconcile_rules(reconcile::type_t<HanaBox>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&HanaBox::weight> | tolerance(0.5), field<&HanaBox::label> | immutable);
}

struct Adapted {
  std::string id;
  std::vector<int> values;
  int secret = 0;
};
constexpr auto reconcile_rules(reconcile::type_t<Adapted>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Adapted::secret> | ignore, field<&Adapted::values> | unordered);
}

}  // namespace model

BOOST_HANA_ADAPT_STRUCT(model::Adapted, id, values, secret);

namespace model {

// ---- rules of every kind ----

struct Step {
  std::string id;
  int weight = 0;
  std::optional<std::string> note;
};
struct Port {
  int number = 0;
  std::string protocol;
};
struct Pipeline {
  std::vector<Step> steps;           // keyed_by id | ordered
  std::deque<Port> ports;            // keyed_by number (int key, deque)
  std::list<Step> stages;            // keyed_by id | ordered (list)
  std::vector<std::string> tags;     // unordered (multiset)
  std::list<int> numbers;            // unordered (multiset, list)
  std::string owner;                 // immutable
};
constexpr auto reconcile_rules(reconcile::type_t<Pipeline>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Pipeline::steps> | keyed_by<&Step::id> | ordered,
                          field<&Pipeline::ports> | keyed_by<&Port::number>,
                          field<&Pipeline::stages> | (keyed_by<&Step::id> | ordered),
                          field<&Pipeline::tags> | unordered,
                          field<&Pipeline::numbers> | unordered,
                          field<&Pipeline::owner> | immutable);
}

inline bool same_ignoring_case(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

struct Quote {
  double bid = 0;                            // tolerance(0.01)
  double ask = 0;                            // relative(0.001)
  double both = 0;                           // tolerance(0.5) | relative(0.1)
  std::vector<double> levels;                // tolerance(0.01), per element
  std::map<std::string, double> marks;       // relative(0.01), per value
  std::optional<float> last;                 // tolerance(0.25)
  std::string venue;                         // compare(case-insensitive)
  std::vector<std::string> symbols;          // compare(case-insensitive), per element
  int exact = 0;
};
constexpr auto reconcile_rules(reconcile::type_t<Quote>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Quote::bid> | tolerance(0.01), field<&Quote::ask> | relative(0.001),
                          field<&Quote::both> | tolerance(0.5) | relative(0.1),
                          field<&Quote::levels> | tolerance(0.01), field<&Quote::marks> | relative(0.01),
                          field<&Quote::last> | tolerance(0.25),
                          field<&Quote::venue> | compare(&same_ignoring_case),
                          field<&Quote::symbols> | compare([](const std::string& a, const std::string& b) {
                            return same_ignoring_case(a, b);
                          }));
}

// Rules found by ADL in nested and container positions.
struct Shapes {
  std::variant<int, std::string, Point> primary;
  std::optional<Point> anchor;
  std::vector<std::variant<int, std::string>> mixed;
  std::map<int, Deployment> by_id;          // Deployment's own rules apply inside
  std::optional<Pipeline> pipeline;         // Pipeline's own rules apply inside
  std::pair<Point, std::string> pair;
};

struct Pointers {
  std::unique_ptr<Container> owned;
  std::shared_ptr<Container> shared;
  std::shared_ptr<const Point> frozen;
  std::vector<std::shared_ptr<Step>> steps;
};

struct Schedule {
  std::chrono::seconds period{0};
  std::chrono::system_clock::time_point at{};
  std::chrono::nanoseconds jitter{0};
  Phase phase = Phase::pending;
  Color color = Color::red;
  Plain plain = plain_a;
  Version version;
  std::array<Phase, 2> phases{};
};

struct World {
  std::map<std::string, Deployment> deployments;
  std::unordered_map<int, Pipeline> pipelines;
  std::vector<HanaBox> boxes;
  std::set<int> ids;
  Adapted adapted;
  Quote quote;
};

}  // namespace model
