// SPDX-License-Identifier: Apache-2.0
// Result<T>: a value or an Error, returned instead of throwing across module boundaries.
// Errors are cheap values carrying a human-readable reason, shown to users as-is, and a code
// (error_code.h) for callers that act on the kind of failure.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/error_code.h"

namespace baseline::core {

struct Error {
  std::string message;
  ErrorCode code = ErrorCode::kUnspecified;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

inline Error make_error(std::string message) {
  return Error{std::move(message)};
}
inline Error make_error(ErrorCode code, std::string message) {
  return Error{std::move(message), code};
}

}  // namespace baseline::core
