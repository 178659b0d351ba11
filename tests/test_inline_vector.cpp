// detail/inline_vector.hpp (a path's segments): appends past the inline capacity, copies,
// moves, clears that keep the storage, appends of its own elements; every element built is
// destroyed once (live counts), against std::vector as the model, in random sequences.
#include <reconcile/detail/inline_vector.hpp>
#include <reconcile/path.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

int live = 0;

struct item {
  std::string text;  // heap-allocated when long: ASan sees a leak or a double free
  explicit item(std::string t) : text(std::move(t)) { ++live; }
  item(const item& o) : text(o.text) { ++live; }
  item(item&& o) noexcept : text(std::move(o.text)) { ++live; }
  item& operator=(const item&) = delete;
  ~item() { --live; }
};

using vec = reconcile::detail::inline_vector<item, 3>;

bool same(const vec& v, const std::vector<std::string>& model) {
  if (v.size() != model.size() || v.empty() != model.empty()) return false;
  std::size_t i = 0;
  for (const item& e : v)
    if (e.text != model[i++]) return false;
  for (i = 0; i < model.size(); ++i)
    if (v[i].text != model[i]) return false;
  return true;
}

}  // namespace

TEST_CASE("inline_vector: random operations against std::vector") {
  std::mt19937 rng(3);
  for (int round = 0; round < 300; ++round) {
    {
      vec a, b;
      std::vector<std::string> ma, mb;
      for (int step = 0; step < 60; ++step) {
        const std::string t = "element number " + std::to_string(rng() % 1000) + " with a long text";
        switch (rng() % 9) {
          case 0:
          case 1:
          case 2:
            a.emplace_back(t);
            ma.push_back(t);
            break;
          case 3:  // an element of its own, also when the append reallocates
            if (!ma.empty()) {
              const std::size_t i = rng() % ma.size();
              a.push_back(a[i]);
              ma.push_back(ma[i]);
            }
            break;
          case 4:
            a.clear();
            ma.clear();
            break;
          case 5:
            b = a;
            mb = ma;
            break;
          case 6:
            b = std::move(a);
            mb = std::move(ma);
            a.clear();  // a moved-from vector is empty, and usable
            ma.clear();
            break;
          case 7: {
            vec c(b);
            vec d(std::move(c));
            CHECK(c.empty());
            a = std::move(d);
            ma = mb;
            break;
          }
          case 8: {
            const vec& alias = a;
            a = alias;  // self-assignment keeps the elements
            break;
          }
        }
        REQUIRE(same(a, ma));
        REQUIRE(same(b, mb));
        REQUIRE(live == static_cast<int>(ma.size() + mb.size()));
      }
    }
    REQUIRE(live == 0);
  }
}

TEST_CASE("path: deep paths (past the inline segments) copy, move and print") {
  reconcile::path p;
  for (std::size_t i = 0; i < 10; ++i) {
    if (i % 2) p.push_position(i);
    else p.push_field(i, "f");
  }
  CHECK(p.size() == 10);
  const std::string text = "f[1].f[3].f[5].f[7].f[9]";
  CHECK(p.to_string() == text);
  reconcile::path q = p;
  reconcile::path r = std::move(p);
  CHECK(q.to_string() == text);
  CHECK(r.to_string() == text);
  q.clear();
  CHECK(q.empty());
  q.push_field(0, "only");
  CHECK(q.to_string() == "only");
}
