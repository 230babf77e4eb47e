// SPDX-License-Identifier: Apache-2.0
// Resolver: the seam between checks and DNS resolution. Implementations: UnboundResolver
// (recursive from the root, validating; the default), StubResolver (--resolver: trusts the AD bit
// of a validating recursive resolver), CachingResolver (shares lookups within a test), and the
// fakes in tests. All run on one event loop; none is thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "dns/message.h"

namespace baseline::dns {

enum class Security {
  kSecure,         // validated chain of trust from the trust anchor
  kInsecure,       // provably unsigned (no DS somewhere on the path)
  kBogus,          // validation failed
  kIndeterminate,  // not validated (validation was not asked for)
};
std::string_view to_string(Security security);

struct LookupOptions {
  // false: return the data even when the chain of trust is broken (checking disabled), so that
  // a bogus zone can still be inspected; security is then kIndeterminate.
  bool validate = true;
};

struct Answer {
  std::uint16_t rcode = 0;
  Security security = Security::kIndeterminate;
  std::string why_bogus;  // the validator's explanation or Extended DNS Error, when bogus
  Message message;        // the full response: answer (with RRSIGs), authority, additional

  // Records of `type` in the answer section, following the CNAME chain from the question name.
  std::vector<ResourceRecord> records(std::uint16_t type) const;
  // RRSIGs in the answer section covering `type`.
  std::vector<ResourceRecord> signatures(std::uint16_t type) const;
  bool has_records(std::uint16_t type) const { return !records(type).empty(); }
  // Each TXT record of the answer as one string, its character-strings joined without separator
  // (as SPF, DKIM, DMARC and TLS-RPT read them). Malformed TXT RDATA is skipped.
  std::vector<std::string> txt_strings() const;
};

class Resolver {
 public:
  virtual ~Resolver() = default;
  // Resolves `name` (presentation form, no trailing dot) and `type`. An Error means no answer
  // could be had (timeout, network failure, internal failure); DNS failures such as SERVFAIL or
  // NXDOMAIN are answers and come back in Answer::rcode.
  virtual boost::asio::awaitable<core::Result<Answer>> lookup(std::string name, std::uint16_t type,
                                                              LookupOptions options) = 0;
};

}  // namespace baseline::dns
