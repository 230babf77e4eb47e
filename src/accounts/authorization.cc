// SPDX-License-Identifier: Apache-2.0
#include "accounts/authorization.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "accounts/secret_token.h"
#include "accounts/sodium_init.h"

namespace baseline::accounts {
namespace {

bool starts_with_scheme(std::string_view header, std::string_view scheme) {
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return false;
  return std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

}  // namespace

Authorization parse_authorization(std::string_view header) {
  if (header.size() > kMaxAuthorizationBytes) return {};
  header = trim(header);
  if (starts_with_scheme(header, "Bearer")) {
    const auto token = trim(header.substr(7));
    if (!well_formed_secret(token)) return {};
    return BearerToken{std::string(token)};
  }
  if (!starts_with_scheme(header, "Basic")) return {};
  const auto encoded = trim(header.substr(6));
  if (encoded.empty()) return {};
  ensure_sodium();
  std::vector<unsigned char> decoded(encoded.size());
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(decoded.data(), decoded.size(), encoded.data(), encoded.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != encoded.data() + encoded.size()) {
    return {};
  }
  const std::string_view pair(reinterpret_cast<const char*>(decoded.data()), length);
  const auto colon = pair.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  BasicCredentials out{std::string(pair.substr(0, colon)), std::string(pair.substr(colon + 1))};
  if (has_control(out.user) || out.password.empty()) return {};
  return out;
}

std::string_view basic_challenge() {
  return R"(Basic realm="Baseline batch API", charset="UTF-8")";
}

}  // namespace baseline::accounts
