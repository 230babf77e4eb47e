// SPDX-License-Identifier: Apache-2.0
// Numbers from the wire (record fields, status codes): parsed with std::from_chars, so bad input
// is a value (nullopt), never an exception, and the whole text must be the number.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace baseline::core {

// The decimal number that is exactly `text` (no sign, no spaces, no trailing characters), or
// nullopt when it is not one or does not fit T.
template <typename T>
std::optional<T> parse_decimal(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace baseline::core
