// SPDX-License-Identifier: Apache-2.0
#include "notices/bounce_address.h"

#include <cctype>

namespace baseline::notices {
namespace {

constexpr std::size_t kTagLength = 32;  // random_hex(16)
constexpr std::size_t kMaxLocalPart = 64;

bool is_tag(std::string_view text) {
  if (text.size() != kTagLength) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string bounce_address(const std::string& sender, const std::string& tag) {
  const auto at = sender.rfind('@');
  if (at == std::string::npos || !is_tag(tag) || at + 1 + tag.size() > kMaxLocalPart) return sender;
  return sender.substr(0, at) + "+" + tag + sender.substr(at);
}

std::optional<BounceTag> bounce_tag(std::string_view address) {
  if (address.size() > 512) return std::nullopt;
  if (const auto open = address.rfind('<'); open != std::string_view::npos) {
    const auto close = address.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    address = address.substr(open + 1, close - open - 1);
  }
  while (!address.empty() && std::isspace(static_cast<unsigned char>(address.front())))
    address.remove_prefix(1);
  while (!address.empty() && std::isspace(static_cast<unsigned char>(address.back())))
    address.remove_suffix(1);
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto local = address.substr(0, at);
  const auto plus = local.rfind('+');
  if (plus == std::string_view::npos || !is_tag(local.substr(plus + 1))) return std::nullopt;
  BounceTag out{std::string(local.substr(plus + 1)), std::string(address.substr(at + 1))};
  if (out.domain.empty() || out.domain.size() > 253) return std::nullopt;
  for (auto& c : out.domain) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '-' && c != '.') return std::nullopt;
    c = static_cast<char>(std::tolower(u));
  }
  return out;
}

std::string message_id_of(const BounceTag& tag) {
  // As compose() writes it: UNIQUE.notice@SENDER-DOMAIN.
  return tag.tag + ".notice@" + tag.domain;
}

}  // namespace baseline::notices
