// SPDX-License-Identifier: Apache-2.0
// check_host() (RFC 7208 §4-§6): evaluates the SPF policy of a domain for one SMTP transaction,
// with the processing limits of §4.6.4 (10 DNS-querying terms, 2 void lookups, 10 MX and 10 PTR
// names) counted across include and redirect. DNS goes through dns::Resolver, so the same code
// runs against the real DNS and against the conformance suite's in-memory zones.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

#include "core/wall_clock.h"
#include "dns/resolver.h"
#include "mail/spf/spf_macro.h"

namespace baseline::mail::spf {

enum class SpfResult { kNone, kNeutral, kPass, kFail, kSoftFail, kTempError, kPermError };
std::string_view to_string(SpfResult result);

struct Transaction {
  boost::asio::ip::address client_ip;
  std::string mail_from;  // may be empty (bounce): then postmaster@helo is checked
  std::string helo;
};

struct Outcome {
  SpfResult result = SpfResult::kNone;
  std::string reason;       // why, in words: the matching term, or the error
  std::string explanation;  // for fail: the exp= text, or the default
  int dns_terms = 0;        // DNS-querying terms evaluated (limit 10)
  int void_lookups = 0;     // lookups that found nothing (limit 2)
};

inline constexpr int kMaxDnsTerms = 10;
inline constexpr int kMaxVoidLookups = 2;
inline constexpr int kMaxNamesPerLookup = 10;  // MX and PTR names considered
inline constexpr const char* kDefaultExplanation = "DEFAULT";

class Evaluator {
 public:
  // `clock` gives the %{t} macro's time (RFC 7208 §7.3).
  explicit Evaluator(dns::Resolver& resolver, core::WallClock clock = core::system_wall_clock())
      : resolver_(resolver), clock_(std::move(clock)) {}

  // check_host() for the transaction's MAIL FROM domain (or HELO when MAIL FROM is empty).
  boost::asio::awaitable<Outcome> check_host(const Transaction& transaction);

 private:
  struct Lookup;
  struct Verdict;
  // `chain`: the domains being evaluated, outermost first, to name include/redirect loops.
  boost::asio::awaitable<Verdict> evaluate(std::string domain, MacroContext context,
                                           std::vector<std::string> chain);
  boost::asio::awaitable<Lookup> lookup(const std::string& name, std::uint16_t type,
                                        bool counts_as_void);
  boost::asio::awaitable<std::string> validated_name(const MacroContext& context,
                                                     const std::string& target);
  boost::asio::awaitable<std::string> explain(std::string spec, MacroContext context);

  dns::Resolver& resolver_;
  core::WallClock clock_;
  int dns_terms_ = 0;
  int void_lookups_ = 0;
};

// True when `name` can be checked at all (§4.3): labels 1-63, multi-label, not a literal.
bool is_checkable_domain(std::string_view name);

}  // namespace baseline::mail::spf
