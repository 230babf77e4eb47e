// SPDX-License-Identifier: Apache-2.0
// The Authorization header of API clients: HTTP Basic (RFC 7617, as Internet.nl's batch API) or
// a bearer token (RFC 6750) that a user made in the web page. Read with bounds; anything
// malformed is "no credentials" (the server answers 401 with an empty body).
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace baseline::accounts {

inline constexpr std::size_t kMaxAuthorizationBytes = 4096;

struct BasicCredentials {
  std::string user;
  std::string password;
};

struct BearerToken {
  std::string token;  // a well-formed secret (secret_token.h); look up its digest
};

using Authorization = std::variant<std::monostate, BasicCredentials, BearerToken>;

Authorization parse_authorization(std::string_view header);

// The WWW-Authenticate value of a 401 from the batch API.
std::string_view basic_challenge();

}  // namespace baseline::accounts
