// detail/print.hpp prints chrono values without fmt/chrono.h: its text must be fmt/chrono's,
// byte for byte, for every period, representation and time point (random cases).
#include <reconcile/detail/print.hpp>
#include <reconcile/path.hpp>

#include <doctest/doctest.h>
#include <fmt/chrono.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <random>
#include <ratio>
#include <string>
#include <type_traits>
#include <vector>

using namespace std::chrono;

namespace {

int checks = 0;

template <class V>
void same_as_fmt(const V& v) {
  std::string ours;
  reconcile::detail::print_value(ours, v);
  const std::string theirs = fmt::format("{}", v);
  ++checks;
  if (ours != theirs) FAIL_CHECK("print_value gave `" << ours << "`, fmt/chrono `" << theirs << "`");
}

template <class Rep>
void every_period(Rep x) {
  same_as_fmt(duration<Rep, std::atto>(x));
  same_as_fmt(duration<Rep, std::femto>(x));
  same_as_fmt(duration<Rep, std::pico>(x));
  same_as_fmt(duration<Rep, std::nano>(x));
  same_as_fmt(duration<Rep, std::micro>(x));
  same_as_fmt(duration<Rep, std::milli>(x));
  same_as_fmt(duration<Rep, std::centi>(x));
  same_as_fmt(duration<Rep, std::deci>(x));
  same_as_fmt(duration<Rep>(x));
  same_as_fmt(duration<Rep, std::deca>(x));
  same_as_fmt(duration<Rep, std::hecto>(x));
  same_as_fmt(duration<Rep, std::kilo>(x));
  same_as_fmt(duration<Rep, std::mega>(x));
  same_as_fmt(duration<Rep, std::giga>(x));
  same_as_fmt(duration<Rep, std::tera>(x));
  same_as_fmt(duration<Rep, std::peta>(x));
  same_as_fmt(duration<Rep, std::exa>(x));
  same_as_fmt(duration<Rep, std::ratio<60>>(x));
  same_as_fmt(duration<Rep, std::ratio<3600>>(x));
  same_as_fmt(duration<Rep, std::ratio<86400>>(x));   // days: no unit name
  same_as_fmt(duration<Rep, std::ratio<7, 3>>(x));    // [7/3]s
  if constexpr (std::is_integral_v<Rep>)  // (fmt/chrono cannot print it with a floating count)
    same_as_fmt(duration<Rep, std::ratio<2, 2000>>(x));  // not spelled std::milli: [1/1000]s
}

}  // namespace

TEST_CASE("print: chrono durations as fmt/chrono prints them") {
  std::mt19937_64 rng(20261126);
  for (int i = 0; i < 3000; ++i) {
    const auto wide = static_cast<std::int64_t>(rng() >> (rng() % 64)) * ((rng() & 1) ? -1 : 1);
    const double real = std::ldexp(static_cast<double>(static_cast<std::int64_t>(rng())),
                                   static_cast<int>(rng() % 120) - 100);
    every_period<std::int64_t>(wide);
    every_period<int>(static_cast<int>(wide));
    every_period<unsigned short>(static_cast<unsigned short>(wide));
    every_period<double>(real);
    every_period<float>(static_cast<float>(real));
    every_period<long double>(static_cast<long double>(real));
  }
  same_as_fmt(duration<double>(std::nan("")));
  same_as_fmt(duration<double>(1.0 / 0.0));
  CHECK(checks > 100000);
}

TEST_CASE("print: time points as fmt/chrono prints them (system_clock: local time)") {
  std::mt19937_64 rng(7);
  for (const char* tz : {"UTC", "America/New_York", "Asia/Kolkata"}) {
    ::setenv("TZ", tz, 1);
    ::tzset();
    for (int i = 0; i < 3000; ++i) {
      // Seconds within what system_clock's nanoseconds hold (about +-292 years).
      const auto s = static_cast<std::int64_t>(rng() % 18000000000ull) - 9000000000ll;
      same_as_fmt(system_clock::time_point(seconds(s)));
      same_as_fmt(system_clock::time_point(nanoseconds(static_cast<std::int64_t>(rng()))));
      same_as_fmt(sys_seconds(seconds(s)));
      same_as_fmt(time_point<system_clock, milliseconds>(milliseconds(s * 1000 + 999)));
      same_as_fmt(time_point<system_clock, minutes>(minutes(s / 60)));
      same_as_fmt(sys_days(days(s / 86400)));
      // Other clocks: the duration since the epoch (fmt/chrono cannot print the time point).
      std::string steady;
      reconcile::detail::print_value(steady, steady_clock::time_point(nanoseconds(s)));
      CHECK(steady == fmt::format("{}", nanoseconds(s)));
    }
  }
  ::unsetenv("TZ");
  ::tzset();
}

// path.hpp's boxes print leaves themselves (print_leaf.hpp) and structs and containers through
// print.hpp, when it is included (path.hpp alone: a compile error, see
// compile_fail/path_struct_key_without_printer.cpp).
namespace {
struct Port {
  int number;
  std::string protocol;
};
}  // namespace

TEST_CASE("print: path keys of struct and container types") {
  reconcile::path p;
  p.push_field(0, "ports");
  p.push_back(reconcile::segment::key(Port{80, "tcp"}));
  p.push_back(reconcile::segment::element(std::vector<int>{1, 2}));
  p.push_back(reconcile::segment::key(std::string("web"), "name"));
  CHECK(p.to_string() == R"(ports[{number: 80, protocol: "tcp"}]{[1, 2]}["web"])");
  const reconcile::path copy = p;
  CHECK(copy.to_string() == p.to_string());
  CHECK(p[1].key<Port>().number == 80);
}
