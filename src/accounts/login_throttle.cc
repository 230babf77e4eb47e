// SPDX-License-Identifier: Apache-2.0
#include "accounts/login_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace baseline::accounts {

LoginThrottle::LoginThrottle(ThrottleLimits limits, Now now)
    : accounts_(limits.per_account, now), addresses_(limits.per_address, now) {}

std::optional<std::chrono::seconds> LoginThrottle::retry_after(std::string_view account,
                                                               std::string_view address) {
  auto a = accounts_.retry_after(account);
  auto b = addresses_.retry_after(address_key(address));
  if (!a && !b) return std::nullopt;
  const auto wait = std::max(a.value_or(std::chrono::steady_clock::duration::zero()),
                             b.value_or(std::chrono::steady_clock::duration::zero()));
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(wait));
}

void LoginThrottle::failed(std::string_view account, std::string_view address) {
  accounts_.record_failure(account);
  addresses_.record_failure(address_key(address));
}

void LoginThrottle::succeeded(std::string_view account) {
  accounts_.reset(account);
}

std::string address_key(std::string_view address) {
  std::string text(address);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  std::array<unsigned char, 16> bytes{};
  if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) {
    return std::string(address);
  }
  // An IPv4-mapped address is the IPv4 client it maps.
  static constexpr std::array<unsigned char, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped.begin(), kMapped.end(), bytes.begin())) {
    char v4[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, bytes.data() + 12, v4, sizeof v4);
    return v4;
  }
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  char v6[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, bytes.data(), v6, sizeof v6);
  return std::string(v6) + "/64";
}

}  // namespace baseline::accounts
