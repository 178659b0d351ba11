// Tests of reconcile/json.hpp: the encoding of every supported type, round trips, load_json's
// merge, and each error kind (its path, its text, and that the target is left unchanged).
#include "support/model.hpp"
#include "support/random_value.hpp"

#include <reconcile/json.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

// model::Version is an opaque leaf: nlohmann's adl_serializer is the extension point.
template <>
struct nlohmann::adl_serializer<model::Version> {
  static void to_json(nlohmann::json& j, const model::Version& v) { j = std::to_string(v.major()) + "." + std::to_string(v.minor()); }
  static void from_json(const nlohmann::json& j, model::Version& v) {
    const std::string s = j.get<std::string>();  // throws type_error on a non-string
    const auto dot = s.find('.');
    v = model::Version(std::stoi(s.substr(0, dot)), dot == std::string::npos ? 0 : std::stoi(s.substr(dot + 1)));
  }
};

namespace jt {

using nlohmann::json;

struct Probe {
  std::string path;
  int port = 80;
};
struct Exec {
  std::vector<std::string> command;
};
enum class Mode { fast, safe };
struct Gadget {
  std::variant<std::monostate, Probe, Exec, std::string, int, Mode> probe;
  std::map<int, std::string> ports;
  std::map<Mode, int> by_mode;
  std::map<std::pair<int, int>, std::string> grid;
  std::unordered_map<double, int> weights;
  std::unordered_set<std::string> names;
  std::optional<int> nested;  // optional<optional<T>> is refused: compile_fail/json_nested_optional.cpp
  std::tuple<int, std::string, bool> tup;
  std::chrono::milliseconds timeout{5000};
  std::chrono::duration<double> seconds{1.5};
  std::shared_ptr<const Probe> frozen;
  std::unique_ptr<Probe> owned;
};

struct Strict {
  std::string name;
  std::optional<int> size;
  int count = 3;
};
constexpr auto reconcile_rules(reconcile::type_t<Strict>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Strict::name> | reconcile::dsl::required);
}

struct Tree {
  int value = 0;
  std::vector<Tree> children;
};

// Checks that f throws a json_error with this code, path text and what(); returns it.
template <class F>
reconcile::json_error expect_error(F&& f, reconcile::json_errc code, const std::string& path, const std::string& what) {
  try {
    f();
  } catch (const reconcile::json_error& e) {
    CHECK(e.code() == code);
    CHECK(e.path().to_string() == path);
    CHECK(std::string(e.what()) == what);
    return e;
  }
  FAIL("no json_error thrown; expected: " << what);
  return reconcile::json_error(code, {}, "");
}

model::Deployment sample() {
  model::Deployment d;
  d.name = "web";
  d.replicas = 3;
  d.labels = {{"app", "web"}, {"a/b~c", "x"}};
  d.containers = {{"web", "nginx:1.0", 100, {"-v"}}, {"sidecar", "envoy", 50, {}}};
  d.status = {model::Phase::running, 2};
  return d;
}

}  // namespace jt

using namespace jt;
using reconcile::json_errc;

TEST_CASE("to_json") {
  SUBCASE("a struct: members by field name, empty optionals left out") {
    const json j = json::parse(reconcile::to_json(sample()));
    CHECK(j == json::parse(R"({"name": "web", "replicas": 3, "labels": {"app": "web", "a/b~c": "x"},
      "containers": [{"name": "web", "image": "nginx:1.0", "cpu_millis": 100, "args": ["-v"]},
                     {"name": "sidecar", "image": "envoy", "cpu_millis": 50, "args": []}],
      "max_surge": 0.25, "status": {"phase": "running", "ready": 2}})"));
    CHECK(reconcile::to_json(model::Point{1, 2}) == R"({"x":1,"y":2})");
    CHECK(reconcile::to_json(model::Point{1, 2}, 2) == "{\n  \"x\": 1,\n  \"y\": 2\n}");
  }
  SUBCASE("leaves") {
    CHECK(reconcile::to_json(true) == "true");
    CHECK(reconcile::to_json('x') == R"("x")");
    CHECK(reconcile::to_json(std::int8_t{-5}) == "-5");
    CHECK(reconcile::to_json(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
    CHECK(reconcile::to_json(0.5) == "0.5");
    CHECK(reconcile::to_json(std::numeric_limits<double>::quiet_NaN()) == R"("nan")");
    CHECK(reconcile::to_json(-std::numeric_limits<double>::infinity()) == R"("-inf")");
    CHECK(reconcile::to_json(model::Phase::failed) == R"("failed")");
    CHECK(reconcile::to_json(static_cast<model::Color>(3)) == "3");  // no enumerator: its number
    CHECK(reconcile::to_json(std::string("a\"b")) == R"("a\"b")");
    CHECK(reconcile::to_json(std::chrono::milliseconds(250)) == "250");
    CHECK(reconcile::to_json(model::Version(1, 2)) == R"("1.2")");  // through adl_serializer
  }
  SUBCASE("containers, variants, pointers") {
    Gadget g;
    g.probe = Probe{"/healthz", 8080};
    g.ports = {{443, "https"}, {80, "http"}};
    g.by_mode = {{Mode::safe, 2}};
    g.grid = {{{1, 2}, "a"}, {{0, 5}, "b"}};
    g.weights = {{1.5, 1}};
    g.names = {"c", "a", "b"};
    g.nested = 4;
    g.tup = {1, "x", true};
    g.frozen = std::make_shared<const Probe>(Probe{"/f", 1});
    g.owned = std::make_unique<Probe>(Probe{"/o", 2});
    CHECK(json::parse(reconcile::to_json(g)) == json::parse(R"({
      "probe": {"type": "Probe", "value": {"path": "/healthz", "port": 8080}},
      "ports": {"80": "http", "443": "https"}, "by_mode": {"safe": 2},
      "grid": [[[0, 5], "b"], [[1, 2], "a"]], "weights": {"1.5": 1}, "names": ["a", "b", "c"],
      "nested": 4, "tup": [1, "x", true], "timeout": 5000, "seconds": 1.5,
      "frozen": {"path": "/f", "port": 1}, "owned": {"path": "/o", "port": 2}})"));
    g.probe = 7;
    CHECK(json::parse(reconcile::to_json(g))["probe"] == json::parse(R"({"type": 4, "value": 7})"));
    g.probe = std::string("s");
    CHECK(json::parse(reconcile::to_json(g))["probe"] == json::parse(R"({"type": "string", "value": "s"})"));
    g.probe = std::monostate{};
    CHECK(json::parse(reconcile::to_json(g))["probe"] == json::parse(R"({"type": "monostate", "value": {}})"));
  }
}

TEST_CASE("from_json map<double, V> keys") {
  // Keys are written as their shortest round-trip text and read back with one exact parse.
  SUBCASE("the key that std::stold then narrowing returned as its neighbour") {
    const std::map<double, int> m{{-1.706777165336792e-07, 1}};
    CHECK(reconcile::to_json(m) == R"({"-1.706777165336792e-07":1})");
    CHECK(reconcile::from_json<std::map<double, int>>(reconcile::to_json(m)) == m);
  }
  SUBCASE("random doubles of every magnitude round-trip exactly") {
    std::mt19937_64 rng(9);
    std::map<double, int> m;
    while (m.size() < 20000) {
      double x = 0;
      const std::uint64_t bits = rng();
      std::memcpy(&x, &bits, sizeof x);
      if (std::isfinite(x)) m.emplace(x, static_cast<int>(m.size()));
      std::uniform_real_distribution<double> small(-1e-6, 1e-6);
      m.emplace(small(rng), 0);
    }
    const auto back = reconcile::from_json<std::map<double, int>>(reconcile::to_json(m));
    REQUIRE(back.size() == m.size());
    std::size_t differ = 0;
    auto b = back.begin();
    for (auto a = m.begin(); a != m.end(); ++a, ++b) differ += a->first != b->first ? 1u : 0u;
    CHECK(differ == 0);
  }
  SUBCASE("text that is not a whole number is refused") {
    using Weights = std::map<double, int>;
    CHECK_THROWS_AS((void)reconcile::from_json<Weights>(R"({"1.5x": 1})"), reconcile::json_error);
    CHECK_THROWS_AS((void)reconcile::from_json<Weights>(R"({" 1.5": 1})"), reconcile::json_error);
    CHECK(reconcile::from_json<Weights>(R"({"-inf": 1, "1e3": 2})") ==
          Weights{{-std::numeric_limits<double>::infinity(), 1}, {1000.0, 2}});
  }
}

TEST_CASE("from_json") {
  SUBCASE("round trip") {
    const model::Deployment d = sample();
    const auto back = reconcile::from_json<model::Deployment>(reconcile::to_json(d));
    CHECK(reconcile::test::deep_equal(back, d));
    Gadget g;
    g.probe = Exec{{"sh", "-c"}};
    g.ports = {{80, "http"}};
    g.grid = {{{1, 2}, "a"}};
    g.weights = {{-0.25, 1}, {std::numeric_limits<double>::infinity(), 2}};
    g.names = {"x"};
    g.frozen = std::make_shared<const Probe>(Probe{"/f", 1});
    g.owned = std::make_unique<Probe>(Probe{"/o", 2});
    const auto g2 = reconcile::from_json<Gadget>(reconcile::to_json(g));
    CHECK(reconcile::to_json(g2) == reconcile::to_json(g));
    CHECK(reconcile::test::deep_equal(g2, g));
  }
  SUBCASE("absent members keep their default; variants by name or index") {
    const auto d = reconcile::from_json<model::Deployment>(R"({"name": "x"})");
    CHECK(d.replicas == 1);
    CHECK(d.max_surge == 0.25);
    const auto g = reconcile::from_json<Gadget>(R"({"probe": {"type": 1, "value": {"path": "/p"}}})");
    REQUIRE(std::holds_alternative<Probe>(g.probe));
    CHECK(std::get<Probe>(g.probe).port == 80);
    CHECK(std::get<Mode>(reconcile::from_json<Gadget>(R"({"probe": {"type": "Mode", "value": "safe"}})").probe) == Mode::safe);
  }
  SUBCASE("numbers: integral floats, enums by number, non-finite text") {
    CHECK(reconcile::from_json<int>("5.0") == 5);
    CHECK(reconcile::from_json<model::Color>("4") == model::Color::blue);
    CHECK(std::isnan(reconcile::from_json<double>(R"("nan")")));
    CHECK(reconcile::from_json<std::uint64_t>("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
  }
  SUBCASE("from a parsed nlohmann::json") {
    CHECK(reconcile::from_json<model::Point>(json{{"x", 3}}).x == 3);
  }
  SUBCASE("a random Everything round-trips exactly") {
    reconcile::test::rng g(reconcile::test::seed_from_env());
    for (int i = 0; i < 300; ++i) {
      const auto v = reconcile::test::random_value<model::Everything>(g);
      const std::string text = reconcile::to_json(v);
      const auto back = reconcile::from_json<model::Everything>(text);
      INFO(text);
      REQUIRE(reconcile::test::deep_equal(back, v));
    }
  }
  SUBCASE("recursive types") {
    const auto t = reconcile::from_json<Tree>(R"({"value": 1, "children": [{"value": 2, "children": [{"value": 3}]}]})");
    CHECK(t.children.at(0).children.at(0).value == 3);
  }
}

TEST_CASE("load_json") {
  SUBCASE("absent members keep the object's value; present ones replace containers whole") {
    model::Deployment d = sample();
    reconcile::load_json(d, R"({"replicas": 7, "labels": {"only": "this"}, "status": {"ready": 9}})");
    CHECK(d.name == "web");
    CHECK(d.replicas == 7);
    CHECK(d.labels == std::map<std::string, std::string>{{"only", "this"}});
    CHECK(d.containers.size() == 2);
    CHECK(d.status.phase == model::Phase::running);  // nested structs merge too
    CHECK(d.status.ready == 9);
  }
  SUBCASE("null empties an optional") {
    model::Deployment d = sample();
    d.strategy = "Recreate";
    reconcile::load_json(d, R"({"strategy": null})");
    CHECK(!d.strategy);
  }
  SUBCASE("a move-only type") {
    Gadget g;
    reconcile::load_json(g, R"({"owned": {"path": "/x"}, "timeout": 10})");
    REQUIRE(g.owned);
    CHECK(g.owned->path == "/x");
    CHECK(g.timeout == std::chrono::milliseconds(10));
  }
}

// Every error kind: the path, the text, and the target left exactly as it was.
TEST_CASE("json_error") {
  const model::Deployment original = sample();
  model::Deployment d = sample();
  auto load = [&](const std::string& text, reconcile::json_options o = {}) {
    return [&d, text, o] { reconcile::load_json(d, text, o); };
  };
  SUBCASE("malformed JSON") {
    const auto e = expect_error(load(R"({"replicas": 2,)"), json_errc::malformed, "",
                                "malformed JSON: parse error at line 1, column 16: syntax error while parsing "
                                "object key - unexpected end of input; expected string literal");
    CHECK(e.path().empty());
  }
  SUBCASE("wrong type, deep inside") {
    expect_error(load(R"({"replicas": 5, "containers": [{"name": "a"}, {"image": 5}]})"), json_errc::wrong_type,
                 "containers[1].image", "containers[1].image: expected a string, got number 5");
  }
  SUBCASE("wrong type in a map value, in a struct, out of range") {
    expect_error(load(R"({"labels": {"tier": true}})"), json_errc::wrong_type, R"(labels["tier"])",
                 R"(labels["tier"]: expected a string, got boolean true)");
    expect_error(load(R"({"status": [1]})"), json_errc::wrong_type, "status", "status: expected an object, got array of 1");
    expect_error(load(R"({"replicas": 3000000000})"), json_errc::wrong_type, "replicas",
                 "replicas: expected an integer that fits int, got number 3000000000");
    expect_error(load(R"({"replicas": 1.5})"), json_errc::wrong_type, "replicas",
                 "replicas: expected an integer that fits int, got number 1.5");
    expect_error(load(R"({"name": null})"), json_errc::wrong_type, "name", "name: expected a string, got null");
  }
  SUBCASE("unknown enum name") {
    const auto e = expect_error(load(R"({"status": {"phase": "runing"}})"), json_errc::unknown_name, "status.phase",
                                R"(status.phase: unknown model::Phase name "runing"; expected one of: pending, running, failed)");
    CHECK(e.reason().rfind("unknown model::Phase", 0) == 0);
  }
  SUBCASE("missing required member") {
    Strict s{"keep", 1, 2};
    expect_error([&] { reconcile::load_json(s, R"({"count": 5})"); }, json_errc::missing_member, "name",
                 "name: required member is missing");
    CHECK(s.name == "keep");
    CHECK(s.count == 2);
    CHECK_THROWS_AS(reconcile::from_json<std::vector<Strict>>(R"([{"name": "a"}, {}])"), reconcile::json_error);
    expect_error([] { (void)reconcile::from_json<std::vector<Strict>>(R"([{"name": "a"}, {}])"); },
                 json_errc::missing_member, "[1].name", "[1].name: required member is missing");
  }
  SUBCASE("duplicate key in a keyed sequence") {
    expect_error(load(R"({"containers": [{"name": "a"}, {"name": "b"}, {"name": "a"}]})"), json_errc::duplicate_key,
                 "containers[2]", R"(containers[2]: duplicate key "a" in a keyed sequence)");
  }
  SUBCASE("unknown member, when so configured") {
    reconcile::json_options strict;
    strict.unknown_members_are_errors = true;
    reconcile::load_json(d, R"({"replicas": 3, "extra": 1})");  // ignored by default
    expect_error(load(R"({"replicas": 4, "containers": [{"name": "a", "imagee": "x"}]})", strict),
                 json_errc::unknown_member, "containers[0].imagee", "containers[0].imagee: unknown member");
  }
  SUBCASE("nesting past the limit") {
    reconcile::json_options shallow;
    shallow.max_depth = 3;
    expect_error(load(R"({"replicas": 4, "labels": {"a": "b"}, "x": {"y": [[1]]}})", shallow), json_errc::too_deep,
                 "x.y[0]", "x.y[0]: nesting deeper than 3 levels");
    std::string deep(100000, '[');  // deeper than the default limit: rejected, no stack overflow
    expect_error(load(deep + std::string(100000, ']')), json_errc::too_deep,
                 "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                 "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]",
                 "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                 "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                 ": nesting deeper than 64 levels");
  }
  SUBCASE("unknown variant alternative, bad map key, wrong-size tuple, adl_serializer failure") {
    expect_error([] { (void)reconcile::from_json<Gadget>(R"({"probe": {"type": "Tcp"}})"); }, json_errc::unknown_name,
                 "probe.type",
                 R"(probe.type: unknown alternative string "Tcp"; expected one of: "monostate", "Probe", "Exec", "string", 4, "Mode")");
    expect_error([] { (void)reconcile::from_json<Gadget>(R"({"ports": {"http": "x"}})"); }, json_errc::wrong_type,
                 R"(ports["http"])", R"(ports["http"]: expected a key of type int, got "http")");
    expect_error([] { (void)reconcile::from_json<Gadget>(R"({"tup": [1, "x"]})"); }, json_errc::wrong_type, "tup",
                 "tup: expected an array of 3 elements, got array of 2");
    expect_error([] { (void)reconcile::from_json<Gadget>(R"({"grid": [[[1, "2"], "a"]]})"); }, json_errc::wrong_type,
                 "grid[0][0][1]", R"(grid[0][0][1]: expected an integer, got string "2")");
    expect_error([] { (void)reconcile::from_json<model::Schedule>(R"({"version": 3})"); }, json_errc::wrong_type,
                 "version", "version: type must be string, but is number");
  }
  // Whatever failed, the object is exactly as it was.
  CHECK(reconcile::test::deep_equal(d, original) == (reconcile::to_json(d) == reconcile::to_json(original)));
  CHECK(reconcile::to_json(d).find("\"replicas\":3") != std::string::npos);
  CHECK(d.labels == original.labels);
  CHECK(reconcile::test::deep_equal(d.containers, original.containers));
}
