// SPDX-License-Identifier: Apache-2.0
// Typed views of RDATA for the record types Baseline judges. Each parser returns an Error for
// RDATA that is truncated, too long or otherwise malformed, never reading out of bounds.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "dns/message.h"

namespace baseline::dns {

struct SoaData {
  std::string mname, rname;
  std::uint32_t serial = 0, refresh = 0, retry = 0, expire = 0, minimum = 0;
};

struct DnskeyData {
  std::uint16_t flags = 0;
  std::uint8_t protocol = 0;
  std::uint8_t algorithm = 0;
  std::vector<std::uint8_t> public_key;
  std::uint16_t key_tag = 0;  // RFC 4034 Appendix B
  bool is_sep() const { return (flags & 0x0001) != 0; }
  bool is_zone_key() const { return (flags & 0x0100) != 0; }
  bool is_revoked() const { return (flags & 0x0080) != 0; }
  // Modulus length in bits for RSA algorithms (1, 5, 7, 8, 10), 0 otherwise or when malformed.
  int rsa_modulus_bits() const;
};

struct DsData {
  std::uint16_t key_tag = 0;
  std::uint8_t algorithm = 0;
  std::uint8_t digest_type = 0;
  std::vector<std::uint8_t> digest;
};

struct RrsigData {
  std::uint16_t type_covered = 0;
  std::uint8_t algorithm = 0;
  std::uint8_t labels = 0;
  std::uint32_t original_ttl = 0, expiration = 0, inception = 0;
  std::uint16_t key_tag = 0;
  std::string signer;
};

struct Nsec3Data {
  std::uint8_t hash_algorithm = 0;
  std::uint8_t flags = 0;
  std::uint16_t iterations = 0;
  std::vector<std::uint8_t> salt;
  std::vector<std::uint8_t> next_hashed_owner;
};

struct Nsec3ParamData {
  std::uint8_t hash_algorithm = 0;
  std::uint8_t flags = 0;
  std::uint16_t iterations = 0;
  std::vector<std::uint8_t> salt;
};

struct CaaData {
  std::uint8_t flags = 0;
  std::string tag;    // as on the wire (RFC 8659 says tags are case-insensitive)
  std::string value;  // raw octets
  bool critical() const { return (flags & 0x80) != 0; }
};

struct MxData {
  std::uint16_t preference = 0;
  std::string exchange;
};

core::Result<boost::asio::ip::address> parse_address(const ResourceRecord& rr);  // A or AAAA
core::Result<std::string> parse_name_rdata(const ResourceRecord& rr);            // NS, CNAME, PTR
core::Result<SoaData> parse_soa(const ResourceRecord& rr);
core::Result<MxData> parse_mx(const ResourceRecord& rr);
core::Result<std::vector<std::string>> parse_txt(const ResourceRecord& rr);  // character-strings
// The character-strings of a TXT record joined without separator (RFC 7208 §3.3, RFC 6376
// §3.6.2.2).
core::Result<std::string> parse_txt_joined(const ResourceRecord& rr);
core::Result<DnskeyData> parse_dnskey(const ResourceRecord& rr);
core::Result<DsData> parse_ds(const ResourceRecord& rr);
core::Result<RrsigData> parse_rrsig(const ResourceRecord& rr);
core::Result<Nsec3Data> parse_nsec3(const ResourceRecord& rr);
core::Result<Nsec3ParamData> parse_nsec3param(const ResourceRecord& rr);
core::Result<CaaData> parse_caa(const ResourceRecord& rr);

}  // namespace baseline::dns
