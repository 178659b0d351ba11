// Tests of reconcile/metrics.hpp: histograms, the Prometheus text exposition format and the
// fmt formatter (this file includes fmt/ranges.h then fmt/std.h before the library;
// test_metrics_format.cpp the other order, after it).
#include <doctest/doctest.h>

#include <fmt/ranges.h>
#include <fmt/std.h>

#include <reconcile/controller.hpp>
#include <reconcile/metrics.hpp>

#include <chrono>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// parsed_sample: a sample line split into name, labels ({...} or empty) and value.
struct parsed_sample {
  bool ok = false;
  std::string name, labels, value;
};

bool name_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
}

// parse_sample(line): name{k="v",...} value, as the text format 0.0.4 spells a sample.
parsed_sample parse_sample(const std::string& line) {
  parsed_sample s;
  std::size_t i = 0;
  while (i < line.size() && name_char(line[i], i == 0)) ++i;
  if (i == 0) return s;
  s.name = line.substr(0, i);
  if (i < line.size() && line[i] == '{') {
    const std::size_t open = i++;
    for (;;) {  // k="v" pairs separated by commas
      const std::size_t k = i;
      while (i < line.size() && name_char(line[i], i == k)) ++i;
      if (i == k || line.compare(i, 2, "=\"") != 0) return s;
      i += 2;
      while (i < line.size() && line[i] != '"') i += std::size_t(line[i] == '\\' ? 2 : 1);
      if (i >= line.size()) return s;
      ++i;
      if (i < line.size() && line[i] == ',') {
        ++i;
        continue;
      }
      if (i < line.size() && line[i] == '}') break;
      return s;
    }
    s.labels = line.substr(open, ++i - open);
  }
  if (i >= line.size() || line[i] != ' ') return s;
  s.value = line.substr(i + 1);
  if (s.value.empty() || s.value.find(' ') != std::string::npos) return s;
  if (s.value != "+Inf" && s.value != "-Inf" && s.value != "NaN") {
    std::size_t used = 0;
    (void)std::stod(s.value, &used);
    if (used != s.value.size()) return s;
  }
  s.ok = true;
  return s;
}

// block(text, family): the lines of one metric family, from its # HELP to the next # HELP.
std::string block(const std::string& text, const std::string& family) {
  const auto start = text.find("# HELP " + family + " ");
  if (start == std::string::npos) return {};
  const auto end = text.find("# HELP ", start + 1);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}
}  // namespace

TEST_CASE("histogram::observe") {
  reconcile::histogram h;
  SUBCASE("each observation lands in the first bucket whose bound is >= it") {
    h.observe(0.0);
    h.observe(1e-8);
    h.observe(0.5);
    h.observe(1.0);
    h.observe(2e3);  // above the last bound: +Inf only
    CHECK(h.count == 5);
    CHECK(h.sum == doctest::Approx(2001.5));
    CHECK(h.buckets[0] == 2);
    CHECK(h.buckets[8] == 2);  // le 1
    CHECK(h.cumulative(7) == 2);
    CHECK(h.cumulative(8) == 4);
    CHECK(h.cumulative(11) == 4);
  }
}

TEST_CASE("to_prometheus") {
  reconcile::metrics m;
  m.reconcile_success = 3;
  m.reconcile_error = 2;
  m.reconcile_requeue_after = 1;
  m.reconcile_terminal = 1;
  m.reconcile_requeue = 4;
  m.errors = 3;
  m.exceptions = 1;
  m.depth = 4;
  m.adds = 9;
  m.retries = 2;
  m.max_concurrent = 2;
  m.longest_running_seconds = 0.25;
  m.reconcile_time.observe(0.5);
  m.reconcile_time.observe(20.0);

  SUBCASE("counters by result, with HELP and TYPE") {
    const std::string text = reconcile::to_prometheus(m);
    CHECK(block(text, "reconcile_reconcile_total") ==
          "# HELP reconcile_reconcile_total Total number of reconciliations per controller and result.\n"
          "# TYPE reconcile_reconcile_total counter\n"
          "reconcile_reconcile_total{result=\"success\"} 3\n"
          "reconcile_reconcile_total{result=\"error\"} 2\n"
          "reconcile_reconcile_total{result=\"requeue_after\"} 1\n"
          "reconcile_reconcile_total{result=\"requeue\"} 4\n"
          "reconcile_reconcile_total{result=\"terminal\"} 1\n");
    CHECK(text.find("\nreconcile_reconcile_errors_total 3\n") != std::string::npos);
    CHECK(text.find("\nreconcile_terminal_reconcile_errors_total 1\n") != std::string::npos);
    CHECK(text.find("\nreconcile_reconcile_panics_total 1\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_depth 4\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_adds_total 9\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_retries_total 2\n") != std::string::npos);
    CHECK(text.find("\nreconcile_max_concurrent_reconciles 2\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_longest_running_processor_seconds 0.25\n") != std::string::npos);
  }

  SUBCASE("histograms: cumulative buckets, +Inf, sum, count") {
    const std::string text = reconcile::to_prometheus(m);
    CHECK(block(text, "reconcile_reconcile_time_seconds") ==
          "# HELP reconcile_reconcile_time_seconds Length of time per reconciliation per controller.\n"
          "# TYPE reconcile_reconcile_time_seconds histogram\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"1e-08\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"1e-07\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"1e-06\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"1e-05\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"0.0001\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"0.001\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"0.01\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"0.1\"} 0\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"1\"} 1\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"10\"} 1\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"100\"} 2\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"1000\"} 2\n"
          "reconcile_reconcile_time_seconds_bucket{le=\"+Inf\"} 2\n"
          "reconcile_reconcile_time_seconds_sum 20.5\n"
          "reconcile_reconcile_time_seconds_count 2\n");
  }

  SUBCASE("prefix is sanitised; the controller label is escaped") {
    const std::string text = reconcile::to_prometheus(m, "9my-app", "web \"x\"\\\n");
    CHECK(text.find("\n_9my_app_workqueue_depth{controller=\"web \\\"x\\\"\\\\\\n\"} 4\n") != std::string::npos);
    CHECK(text.find("_9my_app_reconcile_total{controller=\"web \\\"x\\\"\\\\\\n\",result=\"success\"} 3\n") !=
          std::string::npos);
    CHECK(text.find("_9my_app_reconcile_time_seconds_bucket{controller=\"web \\\"x\\\"\\\\\\n\",le=\"1\"} 1\n") !=
          std::string::npos);
  }

  SUBCASE("an empty prefix gives the bare names") {
    const std::string text = reconcile::to_prometheus(m, "");
    CHECK(text.find("\nworkqueue_depth 4\n") != std::string::npos);
  }

  SUBCASE("appends to a buffer") {
    std::string out = "# mine\n";
    reconcile::to_prometheus(out, m, "a");
    CHECK(out.rfind("# mine\n# HELP a_reconcile_total ", 0) == 0);
  }

  SUBCASE("well formed: every family typed once, samples parse, buckets cumulative") {
    const std::string text = reconcile::to_prometheus(m, "reconcile", "c");
    std::map<std::string, std::string> types;
    std::string family;
    double last_bucket = -1;
    int samples = 0;
    for (const std::string& line : lines_of(text)) {
      if (line.rfind("# HELP ", 0) == 0) continue;
      if (line.rfind("# TYPE ", 0) == 0) {
        const auto space = line.find(' ', 7);
        REQUIRE(space != std::string::npos);
        family = line.substr(7, space - 7);
        const std::string kind = line.substr(space + 1);
        CHECK((kind == "counter" || kind == "gauge" || kind == "histogram"));
        CHECK(types.count(family) == 0);
        types[family] = kind;
        last_bucket = -1;
        continue;
      }
      const parsed_sample g = parse_sample(line);
      REQUIRE_MESSAGE(g.ok, line);
      ++samples;
      CHECK_MESSAGE(g.name.rfind(family, 0) == 0, line);  // samples follow their family's TYPE
      CHECK_MESSAGE(g.labels.rfind("{controller=\"c\"", 0) == 0, line);
      if (g.name == family + "_bucket") {
        const double v = std::stod(g.value);
        CHECK(v >= last_bucket);
        last_bucket = v;
      }
    }
    CHECK(types.size() == 22);
    CHECK(types["reconcile_reconcile_time_seconds"] == "histogram");
    CHECK(types["reconcile_workqueue_depth"] == "gauge");
    CHECK(types["reconcile_workqueue_adds_total"] == "counter");
    CHECK(samples > 60);
  }

  SUBCASE("from a live controller") {
    reconcile::manual_clock clock;
    reconcile::options opts;
    opts.clock = &clock;
    int n = 0;
    reconcile::controller<int> ctl(opts, [&](const int&) {
      clock.advance(2ms);
      return ++n == 1 ? reconcile::result::retry() : reconcile::result::done();
    });
    ctl.notify(1);
    ctl.notify(2);
    ctl.step();
    const std::string text = reconcile::to_prometheus(ctl.metrics(), "game", "world");
    CHECK(text.find("game_reconcile_total{controller=\"world\",result=\"success\"} 1\n") != std::string::npos);
    CHECK(text.find("game_reconcile_total{controller=\"world\",result=\"error\"} 1\n") != std::string::npos);
    CHECK(text.find("game_reconcile_time_seconds_bucket{controller=\"world\",le=\"0.001\"} 0\n") != std::string::npos);
    CHECK(text.find("game_reconcile_time_seconds_bucket{controller=\"world\",le=\"0.01\"} 2\n") != std::string::npos);
    CHECK(text.find("game_workqueue_delayed{controller=\"world\"} 1\n") != std::string::npos);
  }
}

TEST_CASE("to_prometheus: counters added for issue #15/#16") {
  reconcile::metrics m;
  m.timeouts = 2;
  m.notifies_after_stop = 3;
  m.resync_passes = 4;
  m.resync_adds = 5;
  m.deduplicated = 6;
  SUBCASE("each has its own family") {
    const std::string text = reconcile::to_prometheus(m);
    CHECK(text.find("\nreconcile_reconcile_timeouts_total 2\n") != std::string::npos);
    CHECK(text.find("\nreconcile_notifies_after_stop_total 3\n") != std::string::npos);
    CHECK(text.find("\nreconcile_resync_passes_total 4\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_resync_adds_total 5\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_deduplicated_total 6\n") != std::string::npos);
    CHECK(text.find("\nreconcile_workqueue_next_due_seconds +Inf\n") != std::string::npos);
  }
  SUBCASE("next due: seconds from the snapshot to the earliest delayed item") {
    m.taken_at = reconcile::time_point(10s);
    m.next_due = reconcile::time_point(12500ms);
    CHECK(m.next_due_seconds() == doctest::Approx(2.5));
    CHECK(reconcile::to_prometheus(m).find("\nreconcile_workqueue_next_due_seconds 2.5\n") != std::string::npos);
  }
}

TEST_CASE("formatter<metrics>") {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  opts.workers = 2;
  int n = 0;
  reconcile::controller<int> ctl(opts, [&](const int&) {
    clock.advance(1ms);
    return ++n == 1 ? reconcile::result::retry() : reconcile::result::done();
  });
  ctl.notify(1);
  ctl.notify(2);
  ctl.notify(2);
  ctl.step();
  SUBCASE("three lines: results, queue, workers and times") {
    CHECK(fmt::format("{}", ctl.metrics()) ==
          "reconciles 2: success 1, error 1, requeue_after 0, requeue 0, terminal 0; panics 0, timeouts 0\n"
          "queue: depth 0, delayed 1, adds 2 (edge 2, resync 0), deduplicated 1, resync passes 0, retries 1\n"
          "workers 0/2; reconcile 2 in 0.002 s; queue wait 2 in 0.001 s; converge 1 in 0.002 s");
  }
  SUBCASE("prints beside fmt/ranges.h and fmt/std.h, inside containers too") {
    std::vector<reconcile::metrics> v{ctl.metrics()};
    CHECK(fmt::format("{}", v).find("[reconciles 2:") == 0);
    CHECK(fmt::format("{}", reconcile::reconcile_id{42}) == "42");
  }
}
