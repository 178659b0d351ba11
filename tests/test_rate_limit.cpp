// Tests of reconcile/rate_limit.hpp's keyed limiters and their composition: client-go's
// default_rate_limiters_test.go behaviours, translated (same delays, counts and forgets), plus
// the bucket and the default controller limiter on an explicit clock.
#include <doctest/doctest.h>

#include <reconcile/rate_limit.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using reconcile::duration;
using reconcile::time_point;

namespace {
const time_point t0{};

// step_limiter: client-go's test helper: base for the first `threshold` calls (any key), then
// max; counts nothing per key.
struct step_limiter {
  duration base, max;
  int threshold;
  int count = 0;
  duration when(const int&, time_point) { return ++count <= threshold ? base : max; }
  std::uint32_t failures(const int&) const { return 0; }
  void forget(const int&) {}
};
static_assert(reconcile::rate_limiter<step_limiter, int>);

// waits(l, key, n): the next n waits l gives key (each counts a failure).
template <class L>
std::vector<duration> waits(L& l, const std::string& key, int n) {
  std::vector<duration> out;
  for (int i = 0; i < n; ++i) out.push_back(l.when(key, t0));
  return out;
}

// check_fast_slow(l, slow): client-go's script for a fast (5 ms, 3 tries) / slow limiter:
// key "one" 3 fast then 2 slow, "two" 2 fast, counts, then forget("one") restarts it.
template <class L>
void check_fast_slow(L& l, duration slow) {
  CHECK(waits(l, "one", 5) == std::vector<duration>{5ms, 5ms, 5ms, slow, slow});
  CHECK(l.failures("one") == 5);
  CHECK(waits(l, "two", 2) == std::vector<duration>{5ms, 5ms});
  CHECK(l.failures("two") == 2);
  l.forget("one");
  CHECK(l.failures("one") == 0);
  CHECK(l.when("one", t0) == 5ms);
}
static_assert(reconcile::rate_limiter<reconcile::bucket_limiter, std::string>);
static_assert(!reconcile::rate_limiter<int, std::string>);
}  // namespace

TEST_CASE("exponential_backoff::delay") {
  reconcile::exponential_backoff b;  // client-go defaults
  SUBCASE("failure n waits base * 2^(n-1)") {
    CHECK(b.delay(0) == 0ms);
    CHECK(b.delay(1) == 5ms);
    CHECK(b.delay(2) == 10ms);
    CHECK(b.delay(3) == 20ms);
    CHECK(b.delay(10) == 5ms * 512);
  }
  SUBCASE("capped at max, without overflow") {
    CHECK(b.delay(19) == 1000s);  // 5ms * 2^18 = 1310.72 s > 1000 s
    CHECK(b.delay(64) == 1000s);
    CHECK(b.delay(4000000000u) == 1000s);
  }
  SUBCASE("jitter shortens by up to its fraction") {
    b.jitter = 0.5;
    CHECK(b.delay(2, 0.0) == 10ms);
    CHECK(b.delay(2, 0.5) == 7500us);
    CHECK(b.delay(2, 0.999) > 5ms);
  }
}

TEST_CASE("token_bucket::reserve") {
  SUBCASE("off by default") {
    reconcile::token_bucket off;
    for (int i = 0; i < 1000; ++i) CHECK(off.reserve(t0) == 0ms);
  }
  SUBCASE("burst, then one token per 1/qps") {
    reconcile::token_bucket b({10.0, 3.0});
    CHECK(b.reserve(t0) == 0ms);
    CHECK(b.reserve(t0) == 0ms);
    CHECK(b.reserve(t0) == 0ms);
    CHECK(b.reserve(t0) == 100ms);
    CHECK(b.reserve(t0) == 200ms);
    CHECK(b.reserve(t0 + 1s) == 0ms);  // refilled by 10, capped at burst 3, minus the debt of 2
  }
  SUBCASE("client-go's default: 10 qps, burst 100") {
    CHECK(reconcile::client_go_bucket.qps == 10.0);
    CHECK(reconcile::client_go_bucket.burst == 100.0);
    reconcile::token_bucket b(reconcile::client_go_bucket);
    for (int i = 0; i < 100; ++i) CHECK(b.reserve(t0) == 0ms);
    CHECK(b.reserve(t0) == 100ms);
  }
}

TEST_CASE("item_exponential_limiter::when") {
  SUBCASE("doubles per failure of a key; keys are independent; forget restarts") {
    reconcile::item_exponential_limiter<std::string> l(1ms, 1s);
    CHECK(waits(l, "one", 5) == std::vector<duration>{1ms, 2ms, 4ms, 8ms, 16ms});
    CHECK(l.failures("one") == 5);
    CHECK(waits(l, "two", 2) == std::vector<duration>{1ms, 2ms});
    CHECK(l.failures("two") == 2);
    l.forget("one");
    CHECK(l.failures("one") == 0);
    CHECK(l.when("one", t0) == 1ms);
  }
  SUBCASE("no overflow: capped at max after 1000 failures") {
    reconcile::item_exponential_limiter<std::string> l(1ms, 1000s);
    for (int i = 0; i < 5; ++i) l.when("one", t0);
    CHECK(l.when("one", t0) == 32ms);
    for (int i = 0; i < 1000; ++i) l.when("overflow1", t0);
    CHECK(l.when("overflow1", t0) == 1000s);
    reconcile::item_exponential_limiter<std::string> m(1min, 1000h);
    for (int i = 0; i < 2; ++i) m.when("two", t0);
    CHECK(m.when("two", t0) == 4min);
    for (int i = 0; i < 1000; ++i) m.when("overflow2", t0);
    CHECK(m.when("overflow2", t0) == 1000h);
  }
}

TEST_CASE("item_fast_slow_limiter::when") {
  SUBCASE("fast for the first n failures of a key, then slow; forget restarts") {
    reconcile::item_fast_slow_limiter<std::string> l(5ms, 10s, 3);
    check_fast_slow(l, 10s);
  }
}

TEST_CASE("max_of") {
  SUBCASE("the longest wait of its limiters; failures the largest count; forget in all") {
    auto l = reconcile::max_of(reconcile::item_fast_slow_limiter<std::string>(5ms, 3s, 3),
                               reconcile::item_exponential_limiter<std::string>(1ms, 1s));
    check_fast_slow(l, 3s);
  }
  SUBCASE("every limiter counts each failure, even when another one's wait is longer") {
    auto l = reconcile::max_of(reconcile::item_exponential_limiter<std::string>(1ms, 1s),
                               reconcile::item_fast_slow_limiter<std::string>(1h, 1h, 1));
    for (int i = 0; i < 4; ++i) CHECK(l.when("k", t0) == 1h);
    l.forget("nobody");
    CHECK(l.failures("k") == 4);
  }
}

TEST_CASE("with_max_wait") {
  SUBCASE("caps the wrapped limiter's wait") {
    auto l = reconcile::with_max_wait(step_limiter{5ms, 1000s, 100}, 500s);
    for (int i = 0; i < 100; ++i) CHECK(l.when(i, t0) == 5ms);
    for (int i = 100; i < 200; ++i) CHECK(l.when(i, t0) == 500s);
  }
  SUBCASE("passes failures and forget through") {
    auto l = reconcile::with_max_wait(reconcile::item_exponential_limiter<int>(1s, 1h), 3s);
    CHECK(l.when(1, t0) == 1s);
    CHECK(l.when(1, t0) == 2s);
    CHECK(l.when(1, t0) == 3s);
    CHECK(l.failures(1) == 3);
    l.forget(1);
    CHECK(l.failures(1) == 0);
  }
}

TEST_CASE("bucket_limiter::when") {
  SUBCASE("a burst, then one per 1/qps, for any key; counts nothing") {
    reconcile::bucket_limiter l({10.0, 2.0});
    CHECK(l.when(std::string("a"), t0) == 0ms);
    CHECK(l.when(std::string("b"), t0) == 0ms);
    CHECK(l.when(std::string("c"), t0) == 100ms);
    CHECK(l.when(std::string("c"), t0) == 200ms);
    CHECK(l.failures(std::string("c")) == 0);
    CHECK(l.when(std::string("d"), t0 + 1s) == 0ms);  // refilled
  }
}

TEST_CASE("default_controller_limiter") {
  SUBCASE("exponential per key, and at most 10/s overall after a burst of 100") {
    auto l = reconcile::default_controller_limiter<int>();
    CHECK(l.when(1, t0) == 5ms);
    CHECK(l.when(1, t0) == 10ms);
    CHECK(l.failures(1) == 2);
    for (int k = 2; k < 100; ++k) CHECK(l.when(k, t0) == 5ms);  // 100 tokens used
    CHECK(l.when(100, t0) == 100ms);                            // the bucket's wait wins
    l.forget(1);
    CHECK(l.failures(1) == 0);
  }
}
