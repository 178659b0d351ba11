// The etcd v3 JSON gateway's encodings: keys and values travel as standard base64 (RFC 4648,
// padded); int64 fields travel as decimal strings and are omitted when zero.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace reconcile::detail {

// base64_encode(bytes): standard alphabet, '=' padding. O(n), one allocation.
inline std::string base64_encode(std::string_view in) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t v = std::uint32_t(std::uint8_t(in[i])) << 16 | std::uint32_t(std::uint8_t(in[i + 1])) << 8 |
                            std::uint32_t(std::uint8_t(in[i + 2]));
    out += table[v >> 18 & 63];
    out += table[v >> 12 & 63];
    out += table[v >> 6 & 63];
    out += table[v & 63];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t v = std::uint32_t(std::uint8_t(in[i])) << 16;
    if (rest == 2) v |= std::uint32_t(std::uint8_t(in[i + 1])) << 8;
    out += table[v >> 18 & 63];
    out += table[v >> 12 & 63];
    out += rest == 2 ? table[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// base64_decode(text, out): false on a character outside the alphabet or a bad length.
// Accepts missing padding (the gateway always pads).
inline bool base64_decode(std::string_view in, std::string& out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;
  out.clear();
  out.reserve(in.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : in) {
    const int v = value(c);
    if (v < 0) return false;
    acc = (acc << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xff);
    }
  }
  return true;
}

// json_i64(j, name): an int64 member sent as a string (or a number); 0 when absent.
inline std::int64_t json_i64(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) return 0;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    std::int64_t v = 0;
    bool neg = false;
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') neg = true, ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
    return neg ? -v : v;
  }
  return 0;
}

// json_bool(j, name): a bool member; false when absent (the gateway omits default values).
inline bool json_bool(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// json_bytes(j, name): a base64 member decoded; empty when absent or malformed.
inline std::string json_bytes(const nlohmann::json& j, const char* name) {
  std::string out;
  const auto it = j.find(name);
  if (it != j.end() && it->is_string() && !base64_decode(it->get_ref<const std::string&>(), out)) out.clear();
  return out;
}

}  // namespace reconcile::detail
