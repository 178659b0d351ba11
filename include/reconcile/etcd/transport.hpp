// How requests reach etcd: a small interface (POST a JSON body, or hold a POST open and read
// its answer line by line) and its libcurl implementation over the v3 JSON gateway. The
// interface lets tests inject faults and lets a gRPC transport replace the gateway later.
#pragma once

#include <reconcile/etcd/config.hpp>

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile::etcd {

// transport: the wire under reconcile::etcd::client. Implementations must be thread-safe.
class transport {
 public:
  struct reply {
    long status = 0;   // HTTP status
    std::string body;  // the JSON answer
  };
  using line_handler = std::function<bool(std::string_view)>;  // false: stop reading

  virtual ~transport() = default;
  // post(path, body, timeout): one request ("/v3/kv/range"...) that takes at most timeout
  // (zero: config::timeout). Throws etcd_error (code -1) when no endpoint answers in time; an
  // HTTP error status is returned, not thrown.
  virtual reply post(std::string_view path, const std::string& body,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds::zero()) = 0;
  // stream(path, body, on_line, stop): a long POST whose answer is one JSON object a line;
  // calls on_line per line until the server closes the stream, on_line returns false or stop
  // is requested (then it returns promptly). Throws etcd_error (code -1) when the connection
  // fails or breaks.
  virtual void stream(std::string_view path, const std::string& body, const line_handler& on_line,
                      std::stop_token stop) = 0;
};

namespace detail {

inline void curl_init_once() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (rc != CURLE_OK) throw etcd_error(-1, std::string("curl_global_init: ") + curl_easy_strerror(rc));
}

// curl_transport: libcurl easy handles (pooled, so connections are reused) for requests; a
// multi handle per stream, woken by curl_multi_wakeup when its stop_token fires.
class curl_transport final : public transport {
 public:
  explicit curl_transport(config c) : cfg_(std::move(c)) {
    curl_init_once();
    if (cfg_.endpoints.empty()) throw etcd_error(-1, "reconcile::etcd: config::endpoints is empty");
    for (auto& e : cfg_.endpoints)
      while (!e.empty() && e.back() == '/') e.pop_back();
    headers_ = curl_slist_append(nullptr, "Content-Type: application/json");
  }
  curl_transport(const curl_transport&) = delete;
  curl_transport& operator=(const curl_transport&) = delete;
  ~curl_transport() override {
    for (CURL* h : pool_) curl_easy_cleanup(h);
    curl_slist_free_all(headers_);
  }

  reply post(std::string_view path, const std::string& body, std::chrono::milliseconds timeout) override {
    if (timeout <= std::chrono::milliseconds::zero()) timeout = cfg_.timeout;
    std::string last_error;
    for (std::size_t attempt = 0; attempt < cfg_.endpoints.size(); ++attempt) {
      std::size_t cur = current_.load();
      const std::size_t at = cur % cfg_.endpoints.size();
      CURL* h = acquire();
      reply r;
      setup(h, cfg_.endpoints[at], path, body, &r.body);
      curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(timeout.count()));
      const CURLcode rc = curl_easy_perform(h);
      if (rc == CURLE_OK) {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
        release(h);
        return r;
      }
      curl_easy_cleanup(h);  // a failed handle may hold a broken connection: never reuse it
      last_error = cfg_.endpoints[at] + ": " + curl_easy_strerror(rc);
      current_.compare_exchange_strong(cur, cur + 1);  // move on, unless another thread did
      if (!never_sent(rc)) break;  // the request may have been applied: do not resend it
    }
    throw etcd_error(-1, "etcd unreachable: " + last_error);
  }

  void stream(std::string_view path, const std::string& body, const line_handler& on_line,
              std::stop_token stop) override {
    std::size_t cur = current_.load();
    const std::size_t at = cur % cfg_.endpoints.size();
    struct handles {
      CURL* easy = curl_easy_init();
      CURLM* multi = curl_multi_init();
      ~handles() {
        curl_multi_remove_handle(multi, easy);
        curl_easy_cleanup(easy);
        curl_multi_cleanup(multi);
      }
    } hs;
    if (!hs.easy || !hs.multi) throw etcd_error(-1, "curl: out of memory");
    struct reader {
      const line_handler* on_line;
      std::string buffer;
      bool aborted = false;
      std::exception_ptr failure;
      static std::size_t write(char* p, std::size_t, std::size_t n, void* self) {
        auto& r = *static_cast<reader*>(self);
        r.buffer.append(p, n);
        std::size_t start = 0;
        for (std::size_t nl; (nl = r.buffer.find('\n', start)) != std::string::npos; start = nl + 1) {
          const std::string_view line(r.buffer.data() + start, nl - start);
          if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
          try {
            if ((*r.on_line)(line)) continue;
          } catch (...) {  // never unwind through libcurl: rethrown once the transfer is gone
            r.failure = std::current_exception();
          }
          r.aborted = true;
          return 0;
        }
        r.buffer.erase(0, start);
        return n;
      }
    } rd{&on_line, {}, false, nullptr};
    setup(hs.easy, cfg_.endpoints[at], path, body, nullptr);
    curl_easy_setopt(hs.easy, CURLOPT_WRITEFUNCTION, &reader::write);
    curl_easy_setopt(hs.easy, CURLOPT_WRITEDATA, &rd);
    curl_multi_add_handle(hs.multi, hs.easy);

    CURLcode rc = CURLE_OK;
    {
      std::stop_callback wake(stop, [m = hs.multi] { curl_multi_wakeup(m); });
      int running = 1;
      while (running && !stop.stop_requested()) {
        if (curl_multi_perform(hs.multi, &running) != CURLM_OK) break;
        if (running) curl_multi_poll(hs.multi, nullptr, 0, 1000, nullptr);
      }
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(hs.multi, &left))
        if (msg->msg == CURLMSG_DONE) rc = msg->data.result;
    }
    if (rd.failure) std::rethrow_exception(rd.failure);
    if (stop.stop_requested() || rd.aborted) return;
    if (rc != CURLE_OK) {
      current_.compare_exchange_strong(cur, cur + 1);
      throw etcd_error(-1, "etcd stream broke: " + cfg_.endpoints[at] + ": " + curl_easy_strerror(rc));
    }
    if (rd.buffer.find_first_not_of(" \r\t\n") != std::string::npos) on_line(rd.buffer);
  }

 private:
  static bool never_sent(CURLcode rc) {
    return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST;
  }
  static std::size_t append(char* p, std::size_t, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(p, n);
    return n;
  }

  void setup(CURL* h, const std::string& endpoint, std::string_view path, const std::string& body,
             std::string* out) const {
    const std::string url = endpoint + std::string(path);
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());  // libcurl copies strings it is given
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 5L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 2L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(cfg_.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 0L);
    if (out) {
      curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &curl_transport::append);
      curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    }
  }

  CURL* acquire() {
    {
      std::lock_guard<std::mutex> g(mutex_);
      if (!pool_.empty()) {
        CURL* h = pool_.back();
        pool_.pop_back();
        return h;
      }
    }
    CURL* h = curl_easy_init();
    if (!h) throw etcd_error(-1, "curl: out of memory");
    return h;
  }
  void release(CURL* h) {
    std::lock_guard<std::mutex> g(mutex_);
    pool_.push_back(h);
  }

  config cfg_;
  curl_slist* headers_ = nullptr;
  std::atomic<std::size_t> current_{0};
  std::mutex mutex_;
  std::vector<CURL*> pool_;
};

}  // namespace detail

// make_curl_transport(cfg): the default transport: libcurl over the v3 JSON gateway.
inline std::shared_ptr<transport> make_curl_transport(const config& cfg) {
  return std::make_shared<detail::curl_transport>(cfg);
}

}  // namespace reconcile::etcd
