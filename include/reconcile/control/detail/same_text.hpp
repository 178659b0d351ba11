// Equality of two strings of char without a call to memcmp for the short texts a phase, a
// state or a name usually is: observation_filter's no-op check compares each debounced string
// field once per observation, and a library call (with the registers it saves around it) cost
// more than the rest of that check. Namespace detail only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace reconcile::control::detail {

// Is M a string of char whose operator== is a byte compare (std::string, std::string_view)?
template <class M>
inline constexpr bool is_char_text = false;
template <class A>
inline constexpr bool is_char_text<std::basic_string<char, std::char_traits<char>, A>> = true;
template <>
inline constexpr bool is_char_text<std::string_view> = true;

// Bytes [0, 8) and [n - 8, n) (overlapping when n < 16) cover n in [8, 16]; likewise with 4
// bytes for [4, 8). Loads through memcpy: no alignment or aliasing assumption.
template <class Word>
inline bool same_ends(const char* a, const char* b, std::size_t n) noexcept {
  Word a0, b0, a1, b1;
  std::memcpy(&a0, a, sizeof(Word));
  std::memcpy(&b0, b, sizeof(Word));
  std::memcpy(&a1, a + n - sizeof(Word), sizeof(Word));
  std::memcpy(&b1, b + n - sizeof(Word), sizeof(Word));
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

// same_text(a, b): a == b for strings of char.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n - 4 <= 4) return same_ends<std::uint32_t>(x, y, n);   // n in [4, 8]
  if (n - 9 <= 7) return same_ends<std::uint64_t>(x, y, n);   // n in [9, 16]
  if (n > 16) return std::memcmp(x, y, n) == 0;
  if (n == 0) return true;
  return x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1];  // n in [1, 3]
}

}  // namespace reconcile::control::detail
