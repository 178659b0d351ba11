// A real etcd for the tests: started on free loopback ports with a temporary data directory,
// stopped by pid (and killed with the test process: PR_SET_PDEATHSIG), restartable on the
// same port and data. Fails the test (throws) when etcd is missing: CI never skips.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>

namespace etcd_test {

// free_port(): a TCP port on 127.0.0.1 nobody listens on right now.
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    throw std::runtime_error("free_port: no port");
  ::close(fd);
  return ntohs(a.sin_port);
}

// find_program(name): its path on PATH (then /usr/bin, /usr/local/bin), or "".
inline std::string find_program(const std::string& name) {
  std::vector<std::string> dirs;
  if (const char* p = std::getenv("PATH")) {
    std::string s = p;
    for (std::size_t at = 0, next; at <= s.size(); at = next + 1) {
      next = s.find(':', at);
      if (next == std::string::npos) next = s.size();
      dirs.push_back(s.substr(at, next - at));
    }
  }
  dirs.insert(dirs.end(), {"/usr/bin", "/usr/local/bin"});
  for (const auto& d : dirs)
    if (!d.empty() && ::access((d + "/" + name).c_str(), X_OK) == 0) return d + "/" + name;
  return {};
}

// spawn(argv, log): fork/exec with stdout and stderr to log (append), killed if we die.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {  // async-signal-safe calls only until exec
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// http_ok(url, body_contains): a GET answering 200 with body_contains in it.
inline bool http_ok(const std::string& url, const std::string& needle) {
  CURL* h = curl_easy_init();
  std::string body;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 500L);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char* p, std::size_t, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(p, n);
    return n;
  });
  long status = 0;
  const bool ok = curl_easy_perform(h) == CURLE_OK &&
                  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status == 200 &&
                  body.find(needle) != std::string::npos;
  curl_easy_cleanup(h);
  return ok;
}

class server {
 public:
  server() {
    binary_ = find_program("etcd");
    if (binary_.empty()) throw std::runtime_error("etcd not found on PATH: run scripts/bootstrap");
    char tmpl[] = "/tmp/reconcile-etcd-XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    for (int attempt = 0; attempt < 5; ++attempt) {
      client_port_ = free_port();
      peer_port_ = free_port();
      if (peer_port_ == client_port_) continue;
      if (try_start()) return;
    }
    throw std::runtime_error("etcd did not start; see " + dir_ + "/etcd.log");
  }
  server(const server&) = delete;
  server& operator=(const server&) = delete;
  ~server() {
    stop(SIGKILL);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(client_port_); }
  pid_t pid() const { return pid_; }
  const std::string& dir() const { return dir_; }

  // stop(sig): signal etcd by pid and reap it (SIGKILL after 5 s).
  void stop(int sig = SIGTERM) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  // start(): again, on the same ports and data (after stop()).
  void start() {
    for (int attempt = 0; attempt < 20; ++attempt) {
      if (try_start()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the port may linger
    }
    throw std::runtime_error("etcd did not restart; see " + dir_ + "/etcd.log");
  }

 private:
  bool try_start() {
    const std::string c = "http://127.0.0.1:" + std::to_string(client_port_);
    const std::string p = "http://127.0.0.1:" + std::to_string(peer_port_);
    pid_ = spawn({binary_, "--name", "test", "--data-dir", dir_ + "/data", "--listen-client-urls", c,
                  "--advertise-client-urls", c, "--listen-peer-urls", p, "--initial-advertise-peer-urls", p,
                  "--initial-cluster", "test=" + p, "--log-level", "warn", "--logger", "zap"},
                 dir_ + "/etcd.log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {  // exited: the port was taken?
        pid_ = -1;
        return false;
      }
      if (http_ok(c + "/health", "\"health\":\"true\"")) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop(SIGKILL);
    return false;
  }

  std::string binary_;
  std::string dir_;
  int client_port_ = 0;
  int peer_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace etcd_test
