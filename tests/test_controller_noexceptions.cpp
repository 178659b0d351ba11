// The controller without exceptions: this file must also build and pass with -fno-exceptions
// (the infra builds it so; elsewhere it runs as an ordinary test). Nothing here throws.
#include <doctest/doctest.h>

#include <reconcile/controller.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

using namespace std::chrono_literals;
using reconcile::result;

TEST_CASE("controller::step") {
#if defined(__cpp_exceptions)
  MESSAGE("built with exceptions; the -fno-exceptions build is the interesting one");
#endif
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  std::vector<result> script{result::retry(), result::retry(), result::terminal("gave up")};
  std::vector<std::string> errors;
  int runs = 0;
  reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
    ++runs;
    if (script.empty()) return result::done();
    result r = script.front();
    script.erase(script.begin());
    return r;
  });
  ctl.set_error_handler([&](const std::string& k, std::string_view what) { errors.push_back(k + ": " + std::string(what)); });

  SUBCASE("retries back off, terminal stops, done converges") {
    ctl.notify("a");
    CHECK(ctl.step() == 1);
    clock.advance(5ms);
    CHECK(ctl.step() == 1);
    clock.advance(10ms);
    CHECK(ctl.step() == 1);  // terminal
    clock.advance(1h);
    CHECK(ctl.step() == 0);
    ctl.notify("a");
    CHECK(ctl.step() == 1);  // done
    CHECK(errors == std::vector<std::string>{"a: gave up"});
    const auto m = ctl.metrics();
    CHECK(m.reconcile_error == 2);
    CHECK(m.reconcile_terminal == 1);
    CHECK(m.reconcile_success == 1);
    CHECK(m.exceptions == 0);
    CHECK(runs == 4);
  }
}
