// The JSON layer's error, options and shared helpers: describing a JSON value in an error,
// RFC 6901 pointer escaping, the nesting-depth check. Not public: json_error,
// json_errc and json_options are in json/error.hpp and json/options.hpp.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/json/error.hpp>
#include <reconcile/json/options.hpp>
#include <reconcile/path.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile {

namespace detail {

using json = nlohmann::json;

[[noreturn]] inline void json_fail(json_errc code, path p, std::string reason) {
#if defined(__cpp_exceptions)
  throw json_error(code, std::move(p), std::move(reason));
#else
  raise(json_error(code, std::move(p), std::move(reason)));
#endif
}
[[noreturn]] inline void json_fail(json_errc code, const frame& f, std::string reason) {
  path p;
  append_path(p, &f);
  json_fail(code, std::move(p), std::move(reason));
}

// "number 5", "string \"abc\"", "object", "array of 3", "null": a JSON value in an error.
inline std::string describe(const json& j) {
  auto shorten = [](std::string s) {
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
  };
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return j.get<bool>() ? "boolean true" : "boolean false";
    case json::value_t::string:
      return "string " + shorten(j.dump(-1, ' ', false, json::error_handler_t::replace));
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "number " + shorten(j.dump());
    case json::value_t::object: return "object";
    case json::value_t::array: return "array of " + std::to_string(j.size());
    default: return "binary";
  }
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
inline std::string nlohmann_reason(const nlohmann::json::exception& e) {
  std::string_view w = e.what();
  if (!w.empty() && w.front() == '[') {
    const std::size_t end = w.find("] ");
    if (end != std::string_view::npos) w.remove_prefix(end + 2);
  }
  return std::string(w);
}

// An RFC 6901 reference token: '~' as "~0", '/' as "~1".
inline void append_token(std::string& ptr, std::string_view token) {
  ptr += '/';
  for (char ch : token) {
    if (ch == '~') ptr += "~0";
    else if (ch == '/') ptr += "~1";
    else ptr += ch;
  }
}
inline void append_token(std::string& ptr, std::size_t index) {
  ptr += '/';
  ptr += std::to_string(index);
}

// Throws json_errc::too_deep when j nests deeper than max_depth. Recursion stops at the
// limit; the path names the first container past it (members as fields, elements by index).
struct depth_check {
  std::size_t max_depth;
  std::vector<std::pair<const std::string*, std::size_t>> trail;  // member name or index

  void run(const json& j, std::size_t depth) {
    if (!j.is_structured()) return;
    if (depth > max_depth) {
      path p;
      for (const auto& [name, index] : trail)
        p.push_back(name ? segment::named_field(*name) : segment::position(index));
      json_fail(json_errc::too_deep, std::move(p),
                "nesting deeper than " + std::to_string(max_depth) + " levels");
    }
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        trail.emplace_back(&k, 0);
        run(v, depth + 1);
        trail.pop_back();
      }
    } else {
      std::size_t i = 0;
      for (const json& v : j) {
        trail.emplace_back(nullptr, i++);
        run(v, depth + 1);
        trail.pop_back();
      }
    }
  }
};
inline void check_depth(const json& j, std::size_t max_depth) { depth_check{max_depth, {}}.run(j, 1); }

// Parses text (nlohmann's parser: iterative, so any nesting parses) and checks its depth.
inline json parse_json(std::string_view text, std::size_t max_depth) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) {
    // Parse again with exceptions for nlohmann's message (line, column, what was expected).
#if defined(__cpp_exceptions)
    try {
      const json again = json::parse(text.begin(), text.end());
      (void)again;
    } catch (const json::exception& e) {
      json_fail(json_errc::malformed, path{}, "malformed JSON: " + nlohmann_reason(e));
    }
#endif
    json_fail(json_errc::malformed, path{}, "malformed JSON");
  }
  check_depth(j, max_depth);
  return j;
}

}  // namespace detail
}  // namespace reconcile
