// SPDX-License-Identifier: Apache-2.0
// SPF macro expansion (RFC 7208 §7): the facts of one SMTP transaction and the expansion of a
// syntactically valid macro-string against them.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace baseline::mail::spf {

struct MacroContext {
  std::string local_part;                  // %{l}
  std::string sender_domain;               // %{o}
  std::string domain;                      // %{d}: the <domain> being checked
  boost::asio::ip::address ip;             // %{i}, %{c}, %{v}
  std::string helo;                        // %{h}
  std::string validated_name = "unknown";  // %{p}, filled by the evaluator when a macro needs it
  std::string receiver = "unknown";        // %{r}
  std::int64_t timestamp = 0;              // %{t}
  std::string sender() const { return local_part + "@" + sender_domain; }  // %{s}
};

// True when the macro-string uses %{p}, which costs DNS lookups to compute.
bool uses_validated_name(std::string_view macro_string);

// Expands a macro-string that passed macro_string_problem().
std::string expand_macros(std::string_view text, const MacroContext& context);

// Expands a domain-spec and shortens the result to 253 characters by dropping labels from the
// left, as §7.3 asks.
std::string expand_domain(std::string_view domain_spec, const MacroContext& context);

}  // namespace baseline::mail::spf
