// Compile-time benchmark (c): equality (boost::pfr::eq_fields) and a generic diff with
// boost::pfr::for_each_field.
#include WIDE_HEADER

#include <boost/pfr/core.hpp>
#include <boost/pfr/ops_fields.hpp>

#include <cstddef>
#include <vector>

struct Change {
  unsigned field;
  const void* value;
};

bool wide_equal(const Wide& a, const Wide& b) { return boost::pfr::eq_fields(a, b); }

std::size_t wide_diff(const Wide& a, const Wide& b) {
  static std::vector<Change> out;
  out.clear();
  boost::pfr::for_each_field(a, [&](const auto& fa, auto i) {
    const auto& fb = boost::pfr::get<decltype(i)::value>(b);
    if (!(fa == fb)) out.push_back({static_cast<unsigned>(i), &fb});
  });
  return out.size();
}
