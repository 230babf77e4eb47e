// SPDX-License-Identifier: Apache-2.0
// LoginThrottle: failed logins (the form) and failed HTTP Basic authentications are limited per
// account and per client address. An IPv6 client is counted per /64, since one host can use a
// whole /64. A success clears the account's failures, not the address's (one valid account must
// not buy an address fresh guesses at others).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/failure_limiter.h"

namespace baseline::accounts {

struct ThrottleLimits {
  FailureLimits per_account{.max_failures = 5, .window = std::chrono::minutes(15)};
  FailureLimits per_address{.max_failures = 20, .window = std::chrono::minutes(15)};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}, Now now = std::chrono::steady_clock::now);

  // Seconds (rounded up) to wait before this attempt is even checked; nullopt: go ahead. The
  // server answers 429 with Retry-After (or 401 for Basic) without looking at the password.
  std::optional<std::chrono::seconds> retry_after(std::string_view account,
                                                  std::string_view address);
  void failed(std::string_view account, std::string_view address);
  void succeeded(std::string_view account);

 private:
  FailureLimiter accounts_;
  FailureLimiter addresses_;
};

// The key an address is counted under: an IPv4 address as is, an IPv6 address as its /64
// ("2001:db8:1:2::/64"), anything unparsable as given.
std::string address_key(std::string_view address);

}  // namespace baseline::accounts
