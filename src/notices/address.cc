// SPDX-License-Identifier: Apache-2.0
#include "notices/address.h"

#include <cctype>

#include "i18n/i18n.h"

namespace baseline::notices {
namespace {

bool atext(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  for (char s : std::string_view("!#$%&'*+-/=?^_`{|}~")) {
    if (c == s) return true;
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Why the text cannot be part of a header or an address, or empty when it can.
std::string unsafe_octets(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\r' || c == '\n') return "a line break (CR or LF)";
    if (c < 0x20 || c == 0x7f) return "a control character";
    if (c >= 0x80) return "non-ASCII characters";
  }
  return "";
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

core::Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || hex(text[i + 1]) < 0 || hex(text[i + 2]) < 0) {
      return core::make_error(i18n::N_("a malformed percent-encoding"));
    }
    out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
    i += 2;
  }
  return out;
}

}  // namespace

// The reasons stay English (a refused contact is logged with them); pages translate the fixed
// ones, marked with N_, when they show them.
core::Result<std::string> check_address(std::string_view text) {
  if (auto why = unsafe_octets(text); !why.empty()) return core::make_error("contains " + why);
  if (text.size() > kMaxAddressLength)
    return core::make_error(i18n::N_("longer than 254 characters"));
  const auto at = text.rfind('@');
  if (at == std::string_view::npos) return core::make_error(i18n::N_("not an address (no @)"));
  const auto local = text.substr(0, at);
  const auto domain = text.substr(at + 1);
  if (local.empty() || local.size() > 64)
    return core::make_error(i18n::N_("the part before @ is empty or too long"));
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return core::make_error(i18n::N_("the part before @ is not a dot-atom"));
  }
  for (char c : local) {
    if (c != '.' && !atext(c)) {
      return core::make_error(std::string("the part before @ contains '") + c + "'");
    }
  }
  if (domain.empty() || domain.size() > 253)
    return core::make_error(i18n::N_("no valid domain after @"));
  std::size_t labels = 0;
  std::size_t from = 0;
  while (from <= domain.size()) {
    auto dot = domain.find('.', from);
    if (dot == std::string_view::npos) dot = domain.size();
    const auto label = domain.substr(from, dot - from);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return core::make_error(i18n::N_("the domain after @ is not a host name"));
    }
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return core::make_error(i18n::N_("the domain after @ is not a host name"));
      }
    }
    ++labels;
    from = dot + 1;
  }
  if (labels < 2) return core::make_error(i18n::N_("the domain after @ has a single label"));
  return std::string(local) + "@" + lower(domain);
}

std::string address_domain(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string() : address.substr(at + 1);
}

core::Result<Contact> parse_contact(std::string_view value) {
  if (auto why = unsafe_octets(value); !why.empty()) return core::make_error("contains " + why);
  const auto colon = value.find(':');
  if (colon == std::string_view::npos) return core::make_error("not a URI");
  const std::string scheme = lower(value.substr(0, colon));
  const auto rest = value.substr(colon + 1);
  Contact out;
  if (scheme == "mailto") {
    auto to = rest.substr(0, rest.find('?'));  // header fields: never used
    to = to.substr(0, to.find(','));           // several addresses: the first
    auto decoded = percent_decode(to);
    if (!decoded) return decoded.error();
    if (auto why = unsafe_octets(*decoded); !why.empty()) {
      return core::make_error("contains " + why + " (percent-encoded)");
    }
    auto address = check_address(*decoded);
    if (!address) return core::make_error("mailto: address " + address.error().message);
    out.kind = Contact::Kind::kMailto;
    out.value = std::move(*address);
    return out;
  }
  if (value.size() > kMaxUrlLength) return core::make_error("longer than 2048 characters");
  for (char c : value) {
    if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\') {
      return core::make_error(std::string("a URI with '") + c + "' in it");
    }
  }
  if (scheme == "https") {
    if (!rest.starts_with("//") || rest.size() <= 2)
      return core::make_error("an https: URI without a host");
    out.kind = Contact::Kind::kHttps;
  }
  out.value = std::string(value);
  return out;
}

std::string printable(std::string_view value, std::size_t limit) {
  std::string out;
  for (char ch : value) {
    if (out.size() >= limit) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace baseline::notices
