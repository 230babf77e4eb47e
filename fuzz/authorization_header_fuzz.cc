// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the Authorization and Cookie headers of `baseline serve` clients. Any bytes
// give credentials, a bearer token or nothing, never a crash; what is returned is bounded.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "accounts/authorization.h"
#include "accounts/secret_token.h"
#include "accounts/session.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baseline::accounts;
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const auto parsed = parse_authorization(header);
  if (const auto* basic = std::get_if<BasicCredentials>(&parsed)) {
    if (basic->user.empty() || basic->password.empty()) std::abort();
    if (basic->user.size() + basic->password.size() > kMaxAuthorizationBytes) std::abort();
    if (basic->user.find(':') != std::string::npos) std::abort();
  } else if (const auto* bearer = std::get_if<BearerToken>(&parsed)) {
    if (!well_formed_secret(bearer->token)) std::abort();
  }
  if (auto value = cookie_value(header, kSessionCookie)) {
    if (value->size() > header.size()) std::abort();
  }
  return 0;
}
