// SPDX-License-Identifier: Apache-2.0
// Test-only builders for DNS records and answers, so unit tests state DNS data in a line each.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "dns/resolver.h"

namespace baseline::dns::testing {

ResourceRecord rr(const std::string& owner, std::uint16_t type, std::vector<std::uint8_t> rdata);
ResourceRecord a(const std::string& owner, const std::string& address);  // A or AAAA by form
ResourceRecord ns(const std::string& owner, const std::string& target);
ResourceRecord cname(const std::string& owner, const std::string& target);
ResourceRecord soa(const std::string& owner);
ResourceRecord dnskey(const std::string& owner, std::uint16_t flags, std::uint8_t algorithm,
                      std::vector<std::uint8_t> key);
// An RSA public key (RFC 3110) with a modulus of `bits` bits.
std::vector<std::uint8_t> rsa_key(int bits);
ResourceRecord ds(const std::string& owner, std::uint16_t tag, std::uint8_t algorithm,
                  std::uint8_t digest_type);
ResourceRecord rrsig(const std::string& owner, std::uint16_t covered, const std::string& signer);
ResourceRecord nsec(const std::string& owner, const std::string& next);
ResourceRecord nsec3(const std::string& owner, std::uint16_t iterations,
                     std::vector<std::uint8_t> salt, std::uint8_t flags = 0);
ResourceRecord nsec3param(const std::string& owner, std::uint16_t iterations,
                          std::vector<std::uint8_t> salt);
// TXT with one or more character-strings (each split at 255 octets, as on the wire).
ResourceRecord txt(const std::string& owner, const std::vector<std::string>& strings);
ResourceRecord mx(const std::string& owner, std::uint16_t preference, const std::string& exchange);
ResourceRecord ptr(const std::string& owner, const std::string& target);
ResourceRecord caa(const std::string& owner, std::uint8_t flags, const std::string& tag,
                   const std::string& value);

// An answer to `name`/`type` with the given sections.
Answer answer(const std::string& name, std::uint16_t type, std::vector<ResourceRecord> answers,
              std::vector<ResourceRecord> authority = {}, std::uint16_t rcode = 0,
              Security security = Security::kIndeterminate);

// A resolver that answers from a table and records what it was asked. Unknown questions get
// NXDOMAIN-free NODATA (NOERROR, empty) unless `strict` is set, when they get an Error.
class FakeResolver final : public Resolver {
 public:
  void add(const std::string& name, std::uint16_t type, Answer answer, bool validated = false);
  void fail(const std::string& name, std::uint16_t type, std::string error);
  boost::asio::awaitable<core::Result<Answer>> lookup(std::string name, std::uint16_t type,
                                                      LookupOptions options) override;
  int asked = 0;
  bool strict = false;

 private:
  std::map<std::tuple<std::string, std::uint16_t, bool>, core::Result<Answer>> table_;
};

}  // namespace baseline::dns::testing
