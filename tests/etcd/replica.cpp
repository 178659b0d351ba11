// One replica of the fail-over tests (tests/test_etcd_failover.cpp): desired items come from
// etcd (<prefix>desired/<key>), reconciling a key writes its status (<prefix>status/<key>)
// with a fenced transaction. Every reconcile appends "S <key> <t>" at its start and
// "E <key> <t> <ok>" at its end to the log (one write(2) each, so a kill -9 loses nothing);
// t is CLOCK_MONOTONIC in ns, comparable across processes of one machine.
//
//   etcd_replica --endpoint URL --prefix /t/ --mode leader|shard --name r1 --log FILE
//                [--ttl 2] [--workers 4] [--work-ms 2]
// SIGTERM/SIGINT: stop the controller, then resign/leave (a graceful hand-over), exit 0.
#include <reconcile/controller.hpp>
#include <reconcile/etcd.hpp>
#include <reconcile/json.hpp>

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace {

struct Item {
  int gen = 0;
  std::string payload;
};

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int log_fd = -1;
void log_line(const std::string& s) {
  const std::string line = s + "\n";
  [[maybe_unused]] const auto n = ::write(log_fd, line.data(), line.size());
}

// sleep_for(d, stop): false when stop was requested first.
bool sleep_for(std::chrono::milliseconds d, const std::stop_token& stop) {
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock<std::mutex> lk(m);
  return !cv.wait_for(lk, stop, d, [] { return false; }) && !stop.stop_requested();
}

}  // namespace

int main(int argc, char** argv) {
  std::string endpoint, prefix = "/t/", mode = "leader", name, log = "/dev/null";
  int ttl = 2, workers = 4, work_ms = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--endpoint") endpoint = v;
    else if (a == "--prefix") prefix = v;
    else if (a == "--mode") mode = v;
    else if (a == "--name") name = v;
    else if (a == "--log") log = v;
    else if (a == "--ttl") ttl = std::atoi(v.c_str());
    else if (a == "--workers") workers = std::atoi(v.c_str());
    else if (a == "--work-ms") work_ms = std::atoi(v.c_str());
  }
  log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  // Signals go to the main thread's sigwait only: block them before any thread starts.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  namespace etcd = reconcile::etcd;
  etcd::client client(etcd::config{{endpoint}});
  etcd::source_options so;
  so.on_error = [](const std::string& key, const reconcile::json_error& e) {
    log_line("X " + key + " " + e.path().to_string());
  };
  etcd::source<Item> desired(client, prefix + "desired/", so);
  std::unique_ptr<etcd::election> election;
  std::unique_ptr<etcd::shard> shard;
  if (mode == "leader") {
    election = std::make_unique<etcd::election>(client, prefix + "election/",
                                                etcd::election_options{name, std::chrono::seconds(ttl), {}});
    election->on_change([](bool lead) { log_line(std::string("L ") + (lead ? "1 " : "0 ") + std::to_string(now_ns())); });
  } else {
    shard = std::make_unique<etcd::shard>(client, prefix + "shard/",
                                          etcd::shard_options{name, std::chrono::seconds(ttl), {}, std::chrono::milliseconds(500)});
    shard->on_change([](const std::vector<std::string>& m) {
      log_line("M " + std::to_string(m.size()) + " " + std::to_string(now_ns()));
    });
  }

  auto work = [&](const std::string& key, const std::stop_token& stop) {
    log_line("S " + key + " " + std::to_string(now_ns()));
    const auto want = desired.get(key);
    bool ok = sleep_for(std::chrono::milliseconds(work_ms), stop);
    if (ok) {
      const std::string status = prefix + "status/" + key;
      try {
        if (election)
          ok = want ? election->fenced_put(status, reconcile::to_json(*want)) : election->fenced_erase(status);
        else
          ok = want ? shard->fenced_put(key, status, reconcile::to_json(*want)) : shard->fenced_erase(key, status);
      } catch (const etcd::etcd_error&) {
        ok = false;
      }
    }
    log_line("E " + key + " " + std::to_string(now_ns()) + (ok ? " 1" : " 0"));
    return ok ? reconcile::result::done() : reconcile::result::retry();
  };

  reconcile::options opts;
  opts.workers = static_cast<unsigned>(workers);
  opts.backoff_base = std::chrono::milliseconds(20);
  opts.backoff_max = std::chrono::milliseconds(500);
  std::unique_ptr<reconcile::controller<std::string>> ctl;
  if (election)
    ctl = std::make_unique<reconcile::controller<std::string>>(opts, election->guard(work));
  else
    ctl = std::make_unique<reconcile::controller<std::string>>(opts, shard->guard(work));
  const etcd::attachment links[] = {desired.attach(*ctl), election ? election->attach(*ctl) : shard->attach(*ctl)};

  std::stop_source stop;
  std::thread runner([&] { ctl->run(stop.get_token()); });
  log_line("READY " + std::to_string(::getpid()) + " " + std::to_string(now_ns()));
  int sig = 0;
  sigwait(&sigs, &sig);
  stop.request_stop();
  runner.join();
  desired.stop();
  if (election) election->resign();
  if (shard) shard->leave();
  log_line("BYE " + std::to_string(now_ns()));
  ::close(log_fd);
  return 0;
}
