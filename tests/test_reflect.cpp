// reconcile/reflect.hpp: field lists, names and indices of aggregates and Hana structs;
// enumerator names.
#include "support/model.hpp"

#include <reconcile/diff.hpp>
#include <reconcile/format.hpp>
#include <reconcile/reflect.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <boost/hana/define_struct.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace refl {

struct Outer {
  struct Inner {  // class scope
    int depth = 0;
    std::string why;
  };
  Inner inner;
  std::vector<Inner> inners;
};

struct Empty {};

// 64 fields: the bound the documentation promises (and then some: Boost.PFR goes to 200).
#define REFL_F8(p) int p##0, p##1, p##2, p##3, p##4, p##5, p##6, p##7;
struct Wide {
  REFL_F8(a) REFL_F8(b) REFL_F8(c) REFL_F8(d) REFL_F8(e) REFL_F8(f) REFL_F8(g)
  int h0, h1, h2, h3, h4, h5, h6;
  std::string last;
};
// 200 fields: the most reflection supports; every name read from one __PRETTY_FUNCTION__.
#define REFL_F10(p) int p##0, p##1, p##2, p##3, p##4, p##5, p##6, p##7, p##8, p##9;
struct Widest {
  REFL_F10(a) REFL_F10(b) REFL_F10(c) REFL_F10(d) REFL_F10(e) REFL_F10(f) REFL_F10(g)
  REFL_F10(h) REFL_F10(i) REFL_F10(j) REFL_F10(k) REFL_F10(l) REFL_F10(m) REFL_F10(n)
  REFL_F10(o) REFL_F10(p) REFL_F10(q) REFL_F10(r) REFL_F10(s)
  int t0, t1, t2, t3, t4, t5, t6, t7, t8;
  std::string omega;
};
#undef REFL_F10
#undef REFL_F8

namespace deeper::still {
// Template arguments with braces and parentheses, which g++ prints in every field's pointer.
struct Dims {
  int w;
  int h;
};
template <Dims D, class Fn>
struct Braced {
  int area = D.w * D.h;
  Fn* call = nullptr;
  std::string label;
};
struct One {
  double only = 0;
};
}  // namespace deeper::still

class Private {
 public:
  explicit Private(int v) : v_(v) {}
  bool operator==(const Private&) const = default;

 private:
  int v_;
};

struct Base {
  int id = 0;
  bool operator==(const Base&) const = default;
};
struct Derived : Base {  // an aggregate with a base: not reflectable
  int extra = 0;
};
struct ComparableDerived : Base {  // not reflectable, but a leaf: it has operator==
  int extra = 0;
  bool operator==(const ComparableDerived&) const = default;
};
struct Tag {};
struct Tagged : Tag {
  int value = 0;
};
struct HoldsBase {  // a field of a base type is just a field
  Base base;
  int n = 0;
};

// C-array members: not reflectable (Boost.PFR would count their elements as fields); the probe
// must not mistake members that cannot be initialized from {} for arrays.
struct NoDefault {
  explicit NoDefault(int v) : v_(v) {}
  bool operator==(const NoDefault&) const = default;
  int v_;
};
struct ArrayFirst {
  double values[4] = {};
  int n = 0;
};
struct ArrayBeforeNoDefault {
  int n = 0;
  char code[3] = {};
  NoDefault k;
};
struct NoArrays {
  NoDefault k;
  std::array<int, 3> values{};
  std::string name;
  int one[1] = {};  // one element: as many names as fields, so it binds
};

enum class Big : int { low = -300, high = 300, mid = 5 };
enum class Huge : long long { far = 1LL << 40 };
enum class Unsigned : unsigned { zero = 0, top = 200 };

}  // namespace refl

namespace {
struct Hidden {  // internal linkage: g++ spells it {anonymous}::Hidden
  int first = 0;
  std::vector<std::string> second;
};
enum class HiddenTier { web, db };  // clang spells db "(anonymous namespace)::HiddenTier::db"
template <class T>
struct HiddenBox {  // g++: {anonymous}::HiddenBox<refl::deeper::still::Braced<...{1, 2}...> >
  T inside;
  int count = 0;
};
}  // namespace

template <>
struct reconcile::enum_range<refl::Big> {
  static constexpr int min = -300;
  static constexpr int max = 300;
};

TEST_CASE("field_count") {
  SUBCASE("aggregates") {
    static_assert(reconcile::field_count<model::Point> == 2);
    static_assert(reconcile::field_count<model::Deployment> == 7);
    static_assert(reconcile::field_count<model::Everything> == 29);
    static_assert(reconcile::field_count<refl::Empty> == 0);
    CHECK(reconcile::field_count<model::Container> == 4);
  }
  SUBCASE("class-scope aggregates") {
    static_assert(reconcile::field_count<refl::Outer::Inner> == 2);
    static_assert(reconcile::field_count<refl::Outer> == 2);
  }
  SUBCASE("64 fields") { static_assert(reconcile::field_count<refl::Wide> == 64); }
  SUBCASE("Hana structs") {
    static_assert(reconcile::field_count<model::HanaBox> == 4);
    static_assert(reconcile::field_count<model::Adapted> == 3);
  }
}

TEST_CASE("reflectable") {
  SUBCASE("C-array members") {
    static_assert(!reconcile::reflectable<refl::ArrayFirst>);
    static_assert(!reconcile::reflectable<refl::ArrayBeforeNoDefault>);
    static_assert(reconcile::reflectable<refl::NoArrays>);
    CHECK(reconcile::field_count<refl::NoArrays> == 4);
  }
  static_assert(reconcile::reflectable<model::Deployment>);
  static_assert(reconcile::reflectable<model::HanaBox>);
  static_assert(reconcile::reflectable<model::Adapted>);
  static_assert(reconcile::reflectable<refl::Outer::Inner>);
  static_assert(!reconcile::reflectable<int>);
  static_assert(!reconcile::reflectable<std::string>);
  static_assert(!reconcile::reflectable<std::array<int, 3>>);  // a container, not a struct
  static_assert(!reconcile::reflectable<refl::Private>);
  static_assert(!reconcile::reflectable<model::Version>);
  static_assert(!reconcile::reflectable<refl::Derived>);  // base classes are not fields
  static_assert(!reconcile::reflectable<refl::Tagged>);
  static_assert(reconcile::reflectable<refl::HoldsBase>);
  static_assert(reconcile::reflectable<refl::Base>);
  CHECK(reconcile::reflectable<model::Point>);
}

TEST_CASE("field_name") {
  SUBCASE("aggregates") {
    static_assert(reconcile::field_name<model::Deployment, 0> == "name");
    static_assert(reconcile::field_name<model::Deployment, 1> == "replicas");
    static_assert(reconcile::field_name<model::Deployment, 2> == "labels");
    static_assert(reconcile::field_name<model::Deployment, 3> == "containers");
    static_assert(reconcile::field_name<model::Deployment, 4> == "strategy");
    static_assert(reconcile::field_name<model::Deployment, 5> == "max_surge");
    static_assert(reconcile::field_name<model::Deployment, 6> == "status");
    CHECK(reconcile::field_name<model::Container, 1> == "image");
  }
  SUBCASE("fields of template types") {
    static_assert(reconcile::field_name<model::Everything, 17> == "limits");
    static_assert(reconcile::field_name<model::Everything, 22> == "choice");
    static_assert(reconcile::field_name<model::Everything, 25> == "owned");
    static_assert(reconcile::field_name<model::Everything, 28> == "origin");
  }
  SUBCASE("class-scope aggregates") {
    static_assert(reconcile::field_name<refl::Outer::Inner, 0> == "depth");
    static_assert(reconcile::field_name<refl::Outer::Inner, 1> == "why");
    static_assert(reconcile::field_name<refl::Outer, 1> == "inners");
  }
  SUBCASE("types in an anonymous namespace") {
    static_assert(reconcile::field_name<Hidden, 0> == "first");
    static_assert(reconcile::field_name<Hidden, 1> == "second");
    static_assert(reconcile::field_index<&Hidden::second> == 1);
  }
  SUBCASE("64 fields") {
    static_assert(reconcile::field_name<refl::Wide, 0> == "a0");
    static_assert(reconcile::field_name<refl::Wide, 9> == "b1");
    static_assert(reconcile::field_name<refl::Wide, 62> == "h6");
    static_assert(reconcile::field_name<refl::Wide, 63> == "last");
  }
  SUBCASE("200 fields") {
    static_assert(reconcile::field_count<refl::Widest> == 200);
    static_assert(reconcile::field_name<refl::Widest, 0> == "a0");
    static_assert(reconcile::field_name<refl::Widest, 10> == "b0");
    static_assert(reconcile::field_name<refl::Widest, 123> == "m3");
    static_assert(reconcile::field_name<refl::Widest, 198> == "t8");
    static_assert(reconcile::field_name<refl::Widest, 199> == "omega");
  }
  SUBCASE("templates with braces and parentheses in their arguments") {
    using B = refl::deeper::still::Braced<refl::deeper::still::Dims{1, 2}, void(int, char)>;
    static_assert(reconcile::field_name<B, 0> == "area");
    static_assert(reconcile::field_name<B, 1> == "call");
    static_assert(reconcile::field_name<B, 2> == "label");
    CHECK(reconcile::field_name<B, 2> == "label");
  }
  SUBCASE("templates in an anonymous namespace, of types with braces") {
    using B = HiddenBox<refl::deeper::still::Braced<refl::deeper::still::Dims{3, 4}, Hidden()>>;
    static_assert(reconcile::field_name<B, 0> == "inside");
    static_assert(reconcile::field_name<B, 1> == "count");
    static_assert(reconcile::field_name<HiddenBox<Hidden>, 1> == "count");
    static_assert(reconcile::field_index<&B::count> == 1);
  }
  SUBCASE("one field, nested namespaces") {
    static_assert(reconcile::field_name<refl::deeper::still::One, 0> == "only");
    static_assert(reconcile::field_name<refl::deeper::still::Dims, 1> == "h");
  }
  SUBCASE("BOOST_HANA_DEFINE_STRUCT") {
    static_assert(reconcile::field_name<model::HanaBox, 0> == "label");
    static_assert(reconcile::field_name<model::HanaBox, 3> == "corners");
  }
  SUBCASE("BOOST_HANA_ADAPT_STRUCT") {
    static_assert(reconcile::field_name<model::Adapted, 0> == "id");
    static_assert(reconcile::field_name<model::Adapted, 2> == "secret");
  }
}

TEST_CASE("field_index") {
  SUBCASE("aggregates") {
    static_assert(reconcile::field_index<&model::Deployment::name> == 0);
    static_assert(reconcile::field_index<&model::Deployment::status> == 6);
    static_assert(reconcile::field_index<&refl::Outer::Inner::why> == 1);
    CHECK(reconcile::field_index<&model::Container::args> == 3);
  }
  SUBCASE("64 fields") {
    static_assert(reconcile::field_index<&refl::Wide::a0> == 0);
    static_assert(reconcile::field_index<&refl::Wide::d5> == 29);
    static_assert(reconcile::field_index<&refl::Wide::last> == 63);
  }
  SUBCASE("200 fields") {
    static_assert(reconcile::field_index<&refl::Widest::a0> == 0);
    static_assert(reconcile::field_index<&refl::Widest::m3> == 123);
    static_assert(reconcile::field_index<&refl::Widest::omega> == 199);
  }
  SUBCASE("Hana structs") {
    static_assert(reconcile::field_index<&model::HanaBox::weight> == 2);
    static_assert(reconcile::field_index<&model::Adapted::secret> == 2);
    static_assert(reconcile::field_index<&model::Adapted::id> == 0);
  }
}

TEST_CASE("get") {
  SUBCASE("aggregates: a reference to the field") {
    model::Container c{"web", "nginx", 250, {}};
    CHECK(reconcile::get<0>(c) == "web");
    reconcile::get<2>(c) = 500;
    CHECK(c.cpu_millis == 500);
    const model::Container& cc = c;
    static_assert(std::is_same_v<decltype(reconcile::get<1>(cc)), const std::string&>);
  }
  SUBCASE("Hana structs") {
    model::HanaBox b;
    reconcile::get<0>(b) = "crate";
    reconcile::get<1>(b) = 3;
    CHECK(b.label == "crate");
    CHECK(b.size == 3);
    model::Adapted a{"id", {1}, 7};
    CHECK(reconcile::get<2>(a) == 7);
  }
  SUBCASE("64 fields") {
    refl::Wide w{};
    reconcile::get<63>(w) = "end";
    reconcile::get<31>(w) = 31;
    CHECK(w.last == "end");
    CHECK(w.d7 == 31);
  }
}

TEST_CASE("for_each_field") {
  SUBCASE("declaration order, with indices") {
    model::Container c{"web", "nginx", 250, {"-v"}};
    std::vector<std::string> seen;
    reconcile::for_each_field(c, [&](const auto&, auto i) {
      seen.emplace_back(reconcile::field_name<model::Container, decltype(i)::value>);
    });
    CHECK(seen == std::vector<std::string>{"name", "image", "cpu_millis", "args"});
  }
  SUBCASE("writes through a non-const object") {
    model::Point p{1, 2};
    reconcile::for_each_field(p, [](int& v, auto) { v *= 10; });
    CHECK(p.x == 10);
    CHECK(p.y == 20);
  }
  SUBCASE("Hana structs") {
    model::HanaBox b{"x", 2, 1.5, {}};
    int n = 0;
    reconcile::for_each_field(b, [&](const auto&, auto) { ++n; });
    CHECK(n == 4);
  }
}

TEST_CASE("enum_name") {
  using reconcile::detail::enum_name;
  SUBCASE("scoped enums by name") {
    CHECK(enum_name(model::Phase::pending) == "pending");
    CHECK(enum_name(model::Phase::failed) == "failed");
  }
  SUBCASE("unsigned underlying type, sparse values") {
    CHECK(enum_name(model::Color::blue) == "blue");
    CHECK(enum_name(static_cast<model::Color>(3)).empty());
  }
  SUBCASE("unscoped enums") { CHECK(enum_name(model::plain_b) == "plain_b"); }
  SUBCASE("unnamed values have no name") { CHECK(enum_name(static_cast<model::Phase>(42)).empty()); }
  SUBCASE("enums in an anonymous namespace") {
    CHECK(enum_name(HiddenTier::db) == "db");
    CHECK(enum_name(HiddenTier::web) == "web");
    CHECK(enum_name(static_cast<HiddenTier>(5)).empty());
  }
  SUBCASE("values outside the scanned range have no name") {
    CHECK(enum_name(refl::Huge::far).empty());
    CHECK(enum_name(refl::Unsigned::zero) == "zero");
    CHECK(enum_name(refl::Unsigned::top).empty());  // 200 > 127, the default bound
  }
  SUBCASE("enum_range widens the scan") {
    CHECK(enum_name(refl::Big::low) == "low");
    CHECK(enum_name(refl::Big::high) == "high");
    CHECK(enum_name(refl::Big::mid) == "mid");
  }
  SUBCASE("enum_from_name") {
    CHECK(reconcile::detail::enum_from_name<model::Phase>("running") == model::Phase::running);
    CHECK(!reconcile::detail::enum_from_name<model::Phase>("bogus").has_value());
  }
}

TEST_CASE("print_value") {
  auto text = [](const auto& v) {
    std::string s;
    reconcile::detail::print_value(s, v);
    return s;
  };
  SUBCASE("enums by name, unnamed values as numbers") {
    CHECK(text(model::Phase::running) == "running");
    CHECK(text(static_cast<model::Phase>(42)) == "42");
    CHECK(text(static_cast<model::Color>(3)) == "3");
    CHECK(text(refl::Unsigned::top) == "200");
    CHECK(text(refl::Huge::far) == "1099511627776");
  }
  SUBCASE("class-scope structs by field name") {
    CHECK(text(refl::Outer{{2, "x"}, {}}) == R"({inner: {depth: 2, why: "x"}, inners: []})");
  }
  SUBCASE("64 fields") {
    refl::Wide w{};
    w.last = "end";
    const std::string s = text(w);
    CHECK(s.starts_with("{a0: 0, a1: 0, "));
    CHECK(s.ends_with(R"(h6: 0, last: "end"})"));
  }
}

TEST_CASE("diff") {
  SUBCASE("of a 64-field aggregate names the field") {
    refl::Wide a{}, b{};
    b.g3 = 7;
    b.last = "x";
    CHECK(fmt::format("{}", reconcile::diff(a, b)) == "~ g3: 0 -> 7\n~ last: \"\" -> \"x\"");
  }
  SUBCASE("of a class-scope aggregate") {
    refl::Outer a, b;
    b.inner.why = "y";
    CHECK(fmt::format("{}", reconcile::diff(a, b)) == R"(~ inner.why: "" -> "y")");
  }
  SUBCASE("an aggregate with a base class and operator== is a leaf") {
    refl::ComparableDerived a{}, b{};
    b.id = 1;
    REQUIRE(reconcile::diff(a, b).size() == 1);
    CHECK(reconcile::diff(a, b)[0].path().empty());
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("of an empty struct is empty") { CHECK(reconcile::diff(refl::Empty{}, refl::Empty{}).empty()); }
}

TEST_CASE("field_name of a function-local struct") {
  // Declared in a function body: reflection, names, diff and apply work there too.
  struct Local {
    std::string name;
    int replicas = 1;
  };
  static_assert(reconcile::field_name<Local, 1> == "replicas");
  Local a{"x", 1}, b{"x", 2};
  const auto cs = reconcile::diff(a, b);
  CHECK(fmt::format("{}", cs) == "~ replicas: 1 -> 2");
  reconcile::apply(a, cs);
  CHECK(a.replicas == 2);
}
