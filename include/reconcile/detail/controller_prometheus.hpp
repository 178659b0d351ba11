// detail/controller_prometheus.hpp — the Prometheus text exposition writer behind
// reconcile::to_prometheus (format 0.0.4: # HELP, # TYPE, samples; histograms as cumulative
// _bucket{le=...}, _sum and _count).
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reconcile::detail {

// append_number(out, v): shortest round-trip text of v in %g style (0.0001, 1e-05, 1e+06), as
// Go's strconv 'g' -1 and so client_golang write it; +Inf, -Inf, NaN as Prometheus spells them.
inline void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general);
  out.append(buf, r.ptr);
}

inline void append_number(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// prom_writer: appends metric families to out under prefix, with an optional controller label.
struct prom_writer {
  std::string& out;
  std::string_view prefix;
  std::string_view controller;

  void name(std::string_view n, std::string_view suffix = {}) {
    if (!prefix.empty()) {
      for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = prefix[i];
        const bool digit = c >= '0' && c <= '9';
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        if (i == 0 && digit) out += '_';
        out += word || digit ? c : '_';
      }
      out += '_';
    }
    out += n;
    out += suffix;
  }

  void label_value(std::string_view v) {
    for (char c : v) {
      if (c == '\\') out += "\\\\";
      else if (c == '"') out += "\\\"";
      else if (c == '\n') out += "\\n";
      else out += c;
    }
  }

  // labels(k, v): {controller="...",k="v"}; nothing when both are absent.
  void labels(std::string_view k = {}, std::string_view v = {}) {
    if (controller.empty() && k.empty()) return;
    out += '{';
    if (!controller.empty()) {
      out += "controller=\"";
      label_value(controller);
      out += '"';
      if (!k.empty()) out += ',';
    }
    if (!k.empty()) {
      out += k;
      out += "=\"";
      label_value(v);
      out += '"';
    }
    out += '}';
  }

  void header(std::string_view n, std::string_view help, std::string_view type) {
    out += "# HELP ";
    name(n);
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    name(n);
    out += ' ';
    out += type;
    out += '\n';
  }

  template <class V>
  void sample(std::string_view n, std::string_view suffix, V v, std::string_view k = {},
              std::string_view lv = {}) {
    name(n, suffix);
    labels(k, lv);
    out += ' ';
    append_number(out, v);
    out += '\n';
  }

  void counter(std::string_view n, std::string_view help, std::uint64_t v) {
    header(n, help, "counter");
    sample(n, {}, v);
  }

  void gauge(std::string_view n, std::string_view help, double v) {
    header(n, help, "gauge");
    sample(n, {}, v);
  }

  // by_result: the counts of reconcile_total per result label, in label order.
  struct by_result {
    std::uint64_t success, error, requeue_after, requeue, terminal;
  };

  void counter_by_result(std::string_view n, std::string_view help, const by_result& r) {
    header(n, help, "counter");
    sample(n, {}, r.success, "result", "success");
    sample(n, {}, r.error, "result", "error");
    sample(n, {}, r.requeue_after, "result", "requeue_after");
    sample(n, {}, r.requeue, "result", "requeue");
    sample(n, {}, r.terminal, "result", "terminal");
  }

  template <class Histogram>
  void hist(std::string_view n, std::string_view help, const Histogram& h) {
    header(n, help, "histogram");
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < Histogram::size; ++i) {
      cumulative += h.buckets[i];
      char le[32];
      auto r = std::to_chars(le, le + sizeof le, Histogram::bounds[i], std::chars_format::general);
      sample(n, "_bucket", cumulative, "le", std::string_view(le, std::size_t(r.ptr - le)));
    }
    sample(n, "_bucket", h.count, "le", "+Inf");
    sample(n, "_sum", h.sum);
    sample(n, "_count", h.count);
  }
};

}  // namespace reconcile::detail
