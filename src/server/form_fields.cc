// SPDX-License-Identifier: Apache-2.0
#include "server/form_fields.h"

#include <cctype>

namespace baseline::server {

std::string form_value(std::string_view body, std::string_view key) {
  while (!body.empty()) {
    const auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) != key) continue;
    auto value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '+') {
        out += ' ';
      } else if (value[i] == '%' && i + 2 < value.size() && std::isxdigit(value[i + 1]) &&
                 std::isxdigit(value[i + 2])) {
        out += static_cast<char>(std::stoi(std::string(value.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += value[i];
      }
    }
    return out;
  }
  return {};
}

bool form_has(std::string_view body, std::string_view key) {
  return ("&" + std::string(body) + "&").find("&" + std::string(key) + "=") != std::string::npos;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace baseline::server
