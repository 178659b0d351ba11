// A generic differ with no per-type code, on Boost.PFR: for_each_field over a, get<I> of b.
// Handles std::map (merge walk) and vectors of aggregates keyed by ADL `diff_key`; produces
// the same records as the hand-written differ. Equality is boost::pfr::eq_fields.
#pragma once

#include "hand_diff.hpp"

#include <boost/pfr/core.hpp>
#include <boost/pfr/ops_fields.hpp>

#include <map>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bench {

inline std::string_view diff_key(const Container& c) { return c.name; }

namespace pfr_diff {

template <class T>
struct is_map : std::false_type {};
template <class K, class V, class C, class A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};
template <class T>
struct keyed_vector : std::false_type {};
template <class E, class A>
  requires requires(const E& e) { diff_key(e); }
struct keyed_vector<std::vector<E, A>> : std::true_type {};

struct sink {
  std::vector<Change>& out;
  std::uint32_t item;
};

// Fields of an element of a keyed vector: records (field, sub = J, key).
template <class E>
void diff_element(const E& a, const E& b, sink s, std::uint16_t field, std::string_view key) {
  boost::pfr::for_each_field(a, [&](const auto& fa, auto j) {
    const auto& fb = boost::pfr::get<decltype(j)::value>(b);
    if (!(fa == fb)) s.out.push_back({s.item, field, static_cast<std::uint16_t>(j), hop::replace, key});
  });
}

template <class V>
void diff_value(const V& a, const V& b, sink s, std::uint16_t field) {
  if constexpr (is_map<V>::value) {
    auto ia = a.begin(), ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
      if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
        s.out.push_back({s.item, field, 0, hop::remove, ia->first});
        ++ia;
      } else if (ia == a.end() || ib->first < ia->first) {
        s.out.push_back({s.item, field, 0, hop::add, ib->first});
        ++ib;
      } else {
        if (!(ia->second == ib->second)) s.out.push_back({s.item, field, 0, hop::replace, ib->first});
        ++ia, ++ib;
      }
    }
  } else if constexpr (keyed_vector<V>::value) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      const auto* match = (j < a.size() && diff_key(a[j]) == diff_key(b[j])) ? &a[j] : nullptr;
      if (!match)
        for (const auto& e : a)
          if (diff_key(e) == diff_key(b[j])) match = &e;
      if (match) diff_element(*match, b[j], s, field, diff_key(b[j]));
      else s.out.push_back({s.item, field, 0, hop::add, diff_key(b[j])});
    }
    for (std::size_t j = 0; j < a.size(); ++j) {
      if (j < b.size() && diff_key(a[j]) == diff_key(b[j])) continue;
      bool found = false;
      for (const auto& e : b) found = found || diff_key(e) == diff_key(a[j]);
      if (!found) s.out.push_back({s.item, field, 0, hop::remove, diff_key(a[j])});
    }
  } else {
    if (!(a == b)) s.out.push_back({s.item, field, 0, hop::replace, {}});
  }
}

template <class T>
void diff(const T& a, const T& b, std::vector<Change>& out, std::uint32_t item = 0) {
  boost::pfr::for_each_field(a, [&](const auto& fa, auto i) {
    diff_value(fa, boost::pfr::get<decltype(i)::value>(b), sink{out, item},
               static_cast<std::uint16_t>(i));
  });
}

template <class T>
bool equal(const T& a, const T& b) {
  return boost::pfr::eq_fields(a, b);
}

}  // namespace pfr_diff
}  // namespace bench
