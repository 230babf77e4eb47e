// SPDX-License-Identifier: Apache-2.0
// Reading stored results without trusting their shape: a stored result is Baseline's own output,
// but a store can be old, hand-edited or damaged, and a reply must never throw because a field
// has another type. These accessors give a null, an empty string or a default instead.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace baseline::batch {

// object[key], or null when `object` is not an object or has no such key.
inline const nlohmann::json& field(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// object[key] as a string; "" when absent or not a string.
inline std::string text(const nlohmann::json& object, const char* key) {
  const auto& value = field(object, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

// object[key] as an integer; `fallback` when absent or not a number.
inline long long number(const nlohmann::json& object, const char* key, long long fallback = 0) {
  const auto& value = field(object, key);
  if (value.is_number_integer()) return value.get<long long>();
  if (value.is_number_unsigned()) {
    const auto n = value.get<unsigned long long>();
    return n > 1ULL << 62 ? fallback : static_cast<long long>(n);
  }
  if (value.is_number_float()) {
    const double d = value.get<double>();
    return d > -1e15 && d < 1e15 ? static_cast<long long>(d) : fallback;  // NaN fails both
  }
  return fallback;
}

// object[key] if it is an array, else an empty array.
inline const nlohmann::json& array_field(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  const auto& value = field(object, key);
  return value.is_array() ? value : kEmpty;
}

}  // namespace baseline::batch
