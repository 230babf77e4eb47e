// SPDX-License-Identifier: Apache-2.0
#include "mail/spf/spf_macro.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace baseline::mail::spf {
namespace {

// The "i" macro for IPv6 is the 32 nibbles, dot-separated (§7.3).
std::string ip_nibbles(const boost::asio::ip::address& ip) {
  if (ip.is_v4()) return ip.to_string();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto byte : ip.to_v6().to_bytes()) {
    if (!out.empty()) out += '.';
    out += kHex[byte >> 4];
    out += '.';
    out += kHex[byte & 0xf];
  }
  return out;
}

std::string url_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::string letter_value(char letter, const MacroContext& context) {
  switch (letter) {
    case 's':
      return context.sender();
    case 'l':
      return context.local_part;
    case 'o':
      return context.sender_domain;
    case 'd':
      return context.domain;
    case 'i':
      return ip_nibbles(context.ip);
    case 'p':
      return context.validated_name;
    case 'v':
      return context.ip.is_v4() ? "in-addr" : "ip6";
    case 'h':
      return context.helo;
    case 'c':
      return context.ip.to_string();
    case 'r':
      return context.receiver;
    case 't':
      return std::to_string(context.timestamp);
    default:
      return "";
  }
}

// Applies "%{" letter transformers delimiters "}" to a value.
std::string transform(std::string_view value, std::string_view transformers) {
  std::size_t i = 0;
  std::size_t keep = 0;
  while (i < transformers.size() &&
         std::isdigit(static_cast<unsigned char>(transformers[i])) != 0) {
    keep = std::min<std::size_t>(keep * 10 + static_cast<std::size_t>(transformers[i] - '0'), 1000);
    ++i;
  }
  bool reverse = false;
  if (i < transformers.size() && (transformers[i] == 'r' || transformers[i] == 'R')) {
    reverse = true;
    ++i;
  }
  std::string_view delimiters = transformers.substr(i);
  if (delimiters.empty()) delimiters = ".";
  std::vector<std::string> parts;
  std::string current;
  for (char c : value) {
    if (delimiters.find(c) != std::string_view::npos) {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  if (reverse) std::reverse(parts.begin(), parts.end());
  if (keep > 0 && keep < parts.size())
    parts.erase(parts.begin(), parts.end() - static_cast<long>(keep));
  std::string out;
  for (std::size_t p = 0; p < parts.size(); ++p) out += (p == 0 ? "" : ".") + parts[p];
  return out;
}

}  // namespace

bool uses_validated_name(std::string_view macro_string) {
  return macro_string.find("%{p") != std::string_view::npos ||
         macro_string.find("%{P") != std::string_view::npos;
}

std::string expand_macros(std::string_view text, const MacroContext& context) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char next = text[i + 1];
    if (next == '%') {
      out += '%';
      ++i;
    } else if (next == '_') {
      out += ' ';
      ++i;
    } else if (next == '-') {
      out += "%20";
      ++i;
    } else if (next == '{') {
      auto close = text.find('}', i + 2);
      if (close == std::string_view::npos) break;  // cannot happen for a validated string
      std::string_view body = text.substr(i + 2, close - i - 2);
      const bool upper = std::isupper(static_cast<unsigned char>(body[0])) != 0;
      const char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(body[0])));
      std::string value = transform(letter_value(letter, context), body.substr(1));
      out += upper ? url_escape(value) : value;
      i = close;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string expand_domain(std::string_view domain_spec, const MacroContext& context) {
  std::string out = expand_macros(domain_spec, context);
  if (!out.empty() && out.back() == '.') out.pop_back();
  while (out.size() > 253) {
    auto dot = out.find('.');
    if (dot == std::string::npos) break;
    out.erase(0, dot + 1);
  }
  return out;
}

}  // namespace baseline::mail::spf
