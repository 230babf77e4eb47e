// SPDX-License-Identifier: Apache-2.0
#include "server/domain_input.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include "i18n/i18n.h"

namespace baseline::server {

namespace {

constexpr std::size_t kMaxInput = 2048;

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_ip_address(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') return true;
  boost::system::error_code ec;
  boost::asio::ip::make_address(std::string(host), ec);
  return !ec;
}

// The host of "scheme://[user@]host[:port]/…" or "host[:port]/…".
std::string_view host_part(std::string_view text) {
  if (const auto scheme = text.find("://"); scheme != std::string_view::npos) {
    if (auto url = boost::urls::parse_uri(text); url) {
      const auto host = url->encoded_host();
      return text.substr(static_cast<std::size_t>(host.data() - text.data()), host.size());
    }
    text.remove_prefix(scheme + 3);
  }
  text = text.substr(0, text.find_first_of("/?#"));
  if (const auto at = text.rfind('@'); at != std::string_view::npos) text.remove_prefix(at + 1);
  if (!text.empty() && text.front() == '[') return text.substr(0, text.find(']') + 1);
  // A single colon is a port; more are an IPv6 address without brackets.
  if (std::count(text.begin(), text.end(), ':') == 1) text = text.substr(0, text.find(':'));
  return text;
}

}  // namespace

std::variant<core::DomainName, InputProblem> parse_domain_input(std::string_view typed) {
  // A fixed problem: English for the API, translated for the page.
  const auto fixed = [](const char* code, const char* message) {
    return InputProblem{code, message, i18n::tr(message)};
  };
  if (typed.size() > kMaxInput)
    return fixed("invalid-domain", i18n::N_("That is far too long for a domain name."));
  auto text = trim(typed);
  if (text.empty())
    return fixed("empty-domain", i18n::N_("Please type a domain name, such as example.nl."));
  auto host = host_part(text);
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty())
    return fixed("invalid-domain", i18n::N_("No domain name found in what was typed."));
  if (is_ip_address(host)) {
    return fixed(
        "ip-address",
        i18n::N_("That is an IP address; Baseline tests a domain name, such as example.nl."));
  }
  auto domain = core::DomainName::parse(host);
  if (!domain) {
    const std::string shown(host.substr(0, 253));
    return InputProblem{
        "invalid-domain", "'" + shown + "' is not a valid domain name: " + domain.error().message,
        i18n::trf("'{name}' is not a valid domain name: {reason}", fmt::arg("name", shown),
                  fmt::arg("reason", domain.error().message))};
  }
  if (domain->labels().size() < 2) {
    return InputProblem{
        "invalid-domain",
        "'" + domain->unicode() +
            "' is not a registered domain name; type a name such as "
            "example.nl.",
        i18n::trf("'{name}' is not a registered domain name; type a name such as example.nl.",
                  fmt::arg("name", domain->unicode()))};
  }
  return *domain;
}

}  // namespace baseline::server
