// SPDX-License-Identifier: Apache-2.0
#include "dns/rdata.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dns/message.h"
#include "dns/testdata/packets.inc"
#include "dns/types.h"

namespace baseline::dns {
namespace {

using Bytes = std::vector<std::uint8_t>;

ResourceRecord record(std::uint16_t type, Bytes rdata) {
  ResourceRecord rr;
  rr.owner = "example.com";
  rr.type = type;
  rr.klass = kClassIn;
  rr.ttl = 3600;
  rr.rdata = std::move(rdata);
  return rr;
}

Bytes name_wire(const std::string& name) {
  auto wire = encode_name(name);
  EXPECT_TRUE(wire.ok());
  return wire.ok() ? *wire : Bytes{};
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes from_text(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

// Test-only base64 decoder for DNSKEY fixtures in presentation form.
Bytes base64(const std::string& text) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  Bytes out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) continue;  // '=' padding
    acc = (acc << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
    }
  }
  return out;
}

Bytes hex(const std::string& text) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  }
  return out;
}

template <class T>
std::string error_of(const core::Result<T>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? "" : result.error().message;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

template <std::size_t N>
Message parse_recorded(const std::uint8_t (&packet)[N]) {
  auto m = parse_message(std::span<const std::uint8_t>(packet, N));
  EXPECT_TRUE(m.ok());
  return m.ok() ? std::move(m).value() : Message{};
}

// Keys made with ldns-keygen; tags as printed by ldns (see testdata/README.md).
constexpr const char* kZsk1024 =
    "AwEAAbppYiRCzVvKczS4GkCIwOHoNTskX6+bw8RVntnb8lTHhZmTz3x5J0HFq8kzx24A/qVCvNlT6JCwPLZL9Ey5eDXHfT"
    "R4bHZvEqCHfYuvdvuWmWd80Fz+uJtNgwibVyhtrG85bZv59Xjs9Nalkq0iA81dkDrFtIomVuy3AK4F7vD7";
constexpr const char* kEcdsaKsk =
    "xsn8TsHmt0UqNJHYfNevJjhuwpg+XKSMpznng79ehwXFSt6KqC11lO3y3RlRhVCFKJx1yIvVKbKUQlE7MMizeA==";

Bytes dnskey_rdata(std::uint16_t flags, std::uint8_t algorithm, const Bytes& key) {
  return concat(
      {{static_cast<std::uint8_t>(flags >> 8), static_cast<std::uint8_t>(flags), 3, algorithm},
       key});
}

// ---- A / AAAA ----

TEST(ParseAddress, ReadsV4AndV6) {
  auto v4 = parse_address(record(rr_type::kA, {192, 0, 2, 1}));
  ASSERT_TRUE(v4.ok());
  EXPECT_TRUE(v4->is_v4());
  EXPECT_EQ(v4->to_string(), "192.0.2.1");
  auto v6 = parse_address(record(rr_type::kAaaa, hex("20010db8000000000000000000000001")));
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(v6->is_v6());
  EXPECT_EQ(v6->to_string(), "2001:db8::1");
}

TEST(ParseAddress, RejectsWrongSizesAndTypes) {
  EXPECT_TRUE(contains(error_of(parse_address(record(rr_type::kA, {1, 2, 3}))), "3 octets"));
  EXPECT_FALSE(parse_address(record(rr_type::kA, {1, 2, 3, 4, 5})).ok());
  EXPECT_FALSE(parse_address(record(rr_type::kAaaa, {1, 2, 3, 4})).ok());
  EXPECT_FALSE(parse_address(record(rr_type::kA, {})).ok());
  EXPECT_TRUE(contains(error_of(parse_address(record(rr_type::kNs, {1, 2, 3, 4}))), "got NS"));
}

// ---- NS / CNAME / PTR ----

TEST(ParseNameRdata, ReadsNames) {
  auto ns = parse_name_rdata(record(rr_type::kNs, name_wire("NS1.Example.com")));
  ASSERT_TRUE(ns.ok());
  EXPECT_EQ(*ns, "ns1.example.com");
  auto ptr = parse_name_rdata(record(12, name_wire("host.example.net")));
  ASSERT_TRUE(ptr.ok());
  EXPECT_EQ(*ptr, "host.example.net");
  auto root = parse_name_rdata(record(rr_type::kCname, {0}));
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(*root, "");
}

TEST(ParseNameRdata, RejectsMalformed) {
  EXPECT_TRUE(
      contains(error_of(parse_name_rdata(record(rr_type::kNs, concat({name_wire("a.b"), {0}})))),
               "1 unexpected octets"));
  EXPECT_FALSE(parse_name_rdata(record(rr_type::kNs, {})).ok());
  EXPECT_FALSE(parse_name_rdata(record(rr_type::kNs, {3, 'a', 'b'})).ok());
  EXPECT_FALSE(parse_name_rdata(record(rr_type::kNs, {0xc0, 0x0c})).ok());
  EXPECT_FALSE(parse_name_rdata(record(rr_type::kMx, name_wire("a.b"))).ok());
}

// ---- SOA ----

Bytes soa_counters() {
  return {0x78, 0xa3, 0xf1, 0x75, 0,    0, 0x1c, 0x20, 0,    0,
          0x0e, 0x10, 0,    0x12, 0x75, 0, 0,    0,    0x01, 0x2c};
}

TEST(ParseSoa, ReadsAllFields) {
  auto soa = parse_soa(record(
      rr_type::kSoa,
      concat({name_wire("ns1.example.com"), name_wire("hostmaster.example.com"), soa_counters()})));
  ASSERT_TRUE(soa.ok()) << soa.error().message;
  EXPECT_EQ(soa->mname, "ns1.example.com");
  EXPECT_EQ(soa->rname, "hostmaster.example.com");
  EXPECT_EQ(soa->serial, 2024010101u);
  EXPECT_EQ(soa->refresh, 7200u);
  EXPECT_EQ(soa->retry, 3600u);
  EXPECT_EQ(soa->expire, 1209600u);
  EXPECT_EQ(soa->minimum, 300u);
}

TEST(ParseSoa, RejectsMalformed) {
  Bytes counters = soa_counters();
  counters.pop_back();
  const std::string error = error_of(
      parse_soa(record(rr_type::kSoa, concat({name_wire("a.b"), name_wire("c.d"), counters}))));
  EXPECT_TRUE(contains(error, "MINIMUM")) << error;
  EXPECT_FALSE(parse_soa(record(rr_type::kSoa,
                                concat({name_wire("a.b"), name_wire("c.d"), soa_counters(), {0}})))
                   .ok());
  EXPECT_FALSE(parse_soa(record(rr_type::kSoa, name_wire("a.b"))).ok());
  EXPECT_FALSE(
      parse_soa(record(rr_type::kNs, concat({name_wire("a.b"), name_wire("c.d"), soa_counters()})))
          .ok());
}

// ---- MX ----

TEST(ParseMx, ReadsPreferenceAndExchange) {
  auto mx = parse_mx(record(rr_type::kMx, concat({{0, 10}, name_wire("mail.example.com")})));
  ASSERT_TRUE(mx.ok());
  EXPECT_EQ(mx->preference, 10);
  EXPECT_EQ(mx->exchange, "mail.example.com");
  auto null_mx = parse_mx(record(rr_type::kMx, {0, 0, 0}));  // RFC 7505 null MX
  ASSERT_TRUE(null_mx.ok());
  EXPECT_EQ(null_mx->exchange, "");
}

TEST(ParseMx, RejectsMalformed) {
  EXPECT_TRUE(contains(error_of(parse_mx(record(rr_type::kMx, {0}))), "preference"));
  EXPECT_TRUE(contains(error_of(parse_mx(record(rr_type::kMx, {0, 10}))), "exchange"));
  EXPECT_FALSE(parse_mx(record(rr_type::kMx, {0, 10, 0, 0})).ok());
}

// ---- TXT ----

TEST(ParseTxt, ReadsCharacterStrings) {
  auto txt = parse_txt(
      record(rr_type::kTxt, concat({{11}, from_text("v=spf1 -all"), {0}, {3}, from_text("abc")})));
  ASSERT_TRUE(txt.ok());
  EXPECT_EQ(*txt, (std::vector<std::string>{"v=spf1 -all", "", "abc"}));
  const std::string long_string(255, 'x');
  auto max = parse_txt(record(rr_type::kTxt, concat({{255}, from_text(long_string)})));
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->at(0), long_string);
}

TEST(ParseTxt, RejectsMalformed) {
  EXPECT_TRUE(
      contains(error_of(parse_txt(record(rr_type::kTxt, {5, 'a', 'b'}))), "character-string"));
  EXPECT_FALSE(parse_txt(record(rr_type::kTxt, {2, 'a', 'b', 1})).ok());
  EXPECT_TRUE(contains(error_of(parse_txt(record(rr_type::kTxt, {}))), "empty"));
  EXPECT_FALSE(parse_txt(record(rr_type::kCaa, {1, 'a'})).ok());
}

TEST(ParseTxt, RecordedPacket) {
  Message m = parse_recorded(testdata::kTxt);
  auto txt = parse_txt(m.answers.at(0));
  ASSERT_TRUE(txt.ok());
  EXPECT_EQ(*txt, (std::vector<std::string>{"v=spf1 -all", "second string"}));
}

// ---- DNSKEY ----

TEST(ParseDnskey, RecordedKeysHaveLdnsKeyTagsAndSizes) {
  Message m = parse_recorded(testdata::kDnskey);
  ASSERT_EQ(m.answers.size(), 3u);
  auto zsk = parse_dnskey(m.answers[0]);
  auto ksk = parse_dnskey(m.answers[1]);
  ASSERT_TRUE(zsk.ok() && ksk.ok());
  EXPECT_EQ(zsk->flags, 256);
  EXPECT_EQ(zsk->protocol, 3);
  EXPECT_EQ(zsk->algorithm, 8);
  EXPECT_EQ(zsk->key_tag, 9306);
  EXPECT_EQ(zsk->rsa_modulus_bits(), 1024);
  EXPECT_TRUE(zsk->is_zone_key());
  EXPECT_FALSE(zsk->is_sep());
  EXPECT_FALSE(zsk->is_revoked());
  EXPECT_EQ(ksk->flags, 257);
  EXPECT_EQ(ksk->key_tag, 36182);
  EXPECT_EQ(ksk->rsa_modulus_bits(), 2048);
  EXPECT_TRUE(ksk->is_sep());
}

TEST(ParseDnskey, KeyTagOfBuiltRecords) {
  auto zsk = parse_dnskey(record(rr_type::kDnskey, dnskey_rdata(256, 8, base64(kZsk1024))));
  ASSERT_TRUE(zsk.ok());
  EXPECT_EQ(zsk->key_tag, 9306);
  EXPECT_EQ(zsk->public_key.size(), 132u);  // 1 + 3-octet exponent + 128-octet modulus

  auto ecdsa = parse_dnskey(record(rr_type::kDnskey, dnskey_rdata(257, 13, base64(kEcdsaKsk))));
  ASSERT_TRUE(ecdsa.ok());
  EXPECT_EQ(ecdsa->key_tag, 10186);
  EXPECT_EQ(ecdsa->public_key.size(), 64u);
  EXPECT_EQ(ecdsa->rsa_modulus_bits(), 0);  // not RSA

  // Revoking (flag 0x0080) changes the tag: 257 -> 385 adds 128 to the sum.
  auto revoked = parse_dnskey(record(rr_type::kDnskey, dnskey_rdata(385, 13, base64(kEcdsaKsk))));
  ASSERT_TRUE(revoked.ok());
  EXPECT_TRUE(revoked->is_revoked());
  EXPECT_EQ(revoked->key_tag, 10186 + 128);
}

TEST(ParseDnskey, KeyTagFoldsCarries) {
  // Sum of 16-bit words 0xffff + 0x0003 + 0xffff = 0x20001 -> 0x0001 + 0x0002 = 0x0003.
  auto key = parse_dnskey(record(rr_type::kDnskey, {0xff, 0xff, 0x00, 0x03, 0xff, 0xff}));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->key_tag, 0x0003);
  // Odd length: the last octet counts as a high byte.
  auto odd = parse_dnskey(record(rr_type::kDnskey, {0x01, 0x00, 0x03, 0x08, 0x05}));
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->key_tag, 0x0100 + 0x0308 + 0x0500);
}

TEST(ParseDnskey, AlgorithmOneKeyTagUsesModulusBits) {
  // RFC 4034 B.1: for RSA/MD5 the tag is octets n-3 and n-2 of the public key.
  auto key = parse_dnskey(
      record(rr_type::kDnskey, dnskey_rdata(256, 1, {1, 3, 0xaa, 0xbb, 0x12, 0x34, 0x56})));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->key_tag, 0x1234);
}

TEST(ParseDnskey, RsaModulusBits) {
  DnskeyData key;
  key.algorithm = 8;
  key.public_key = concat({{3, 1, 0, 1}, Bytes(256, 0xff)});  // e = 65537, 2048-bit modulus
  EXPECT_EQ(key.rsa_modulus_bits(), 2048);
  key.public_key = concat({{1, 3}, {0x01}, Bytes(127, 0xff)});  // top octet 0x01: 1 + 127*8
  EXPECT_EQ(key.rsa_modulus_bits(), 1017);
  key.public_key = concat({{1, 3}, {0x00, 0x00, 0x7f}, Bytes(63, 0)});  // leading zero octets
  EXPECT_EQ(key.rsa_modulus_bits(), 7 + 63 * 8);
  // Long form: 0, then a two-octet exponent length.
  key.public_key = concat({{0, 0x01, 0x00}, Bytes(256, 1), Bytes(128, 0x80)});
  EXPECT_EQ(key.rsa_modulus_bits(), 1024);
  key.algorithm = 10;
  EXPECT_EQ(key.rsa_modulus_bits(), 1024);
  key.algorithm = 13;
  EXPECT_EQ(key.rsa_modulus_bits(), 0);

  key.algorithm = 8;
  key.public_key = {3, 1, 0, 1};  // no modulus
  EXPECT_EQ(key.rsa_modulus_bits(), 0);
  key.public_key = {9, 1, 0, 1};  // exponent longer than the key
  EXPECT_EQ(key.rsa_modulus_bits(), 0);
  key.public_key = {0, 1};  // long form cut short
  EXPECT_EQ(key.rsa_modulus_bits(), 0);
  key.public_key = {};
  EXPECT_EQ(key.rsa_modulus_bits(), 0);
  key.public_key = {1, 3, 0, 0};  // all-zero modulus
  EXPECT_EQ(key.rsa_modulus_bits(), 0);
}

TEST(ParseDnskey, RejectsMalformed) {
  EXPECT_TRUE(contains(error_of(parse_dnskey(record(rr_type::kDnskey, {1, 0, 3}))), "algorithm"));
  EXPECT_TRUE(
      contains(error_of(parse_dnskey(record(rr_type::kDnskey, {1, 0, 3, 8}))), "no public key"));
  EXPECT_FALSE(parse_dnskey(record(rr_type::kDnskey, {})).ok());
  EXPECT_FALSE(parse_dnskey(record(rr_type::kDs, {1, 0, 3, 8, 1})).ok());
}

// ---- DS ----

TEST(ParseDs, ReadsLdnsKey2dsOutputAndMatchesTheKey) {
  const Bytes digest = hex("4ada4fc5cb422e157e55eff4e490d66468846b5b487fd00942efd426273c4af0");
  auto ds = parse_ds(record(rr_type::kDs, concat({{0x8d, 0x56, 8, 2}, digest})));
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->key_tag, 36182);
  EXPECT_EQ(ds->algorithm, 8);
  EXPECT_EQ(ds->digest_type, 2);
  EXPECT_EQ(ds->digest, digest);

  Message m = parse_recorded(testdata::kDnskey);
  auto ksk = parse_dnskey(m.answers.at(1));
  ASSERT_TRUE(ksk.ok());
  EXPECT_EQ(ksk->key_tag, ds->key_tag);
  EXPECT_EQ(ksk->algorithm, ds->algorithm);
}

TEST(ParseDs, RejectsMalformed) {
  EXPECT_TRUE(contains(error_of(parse_ds(record(rr_type::kDs, {0x8d, 0x56, 8}))), "digest type"));
  EXPECT_TRUE(contains(error_of(parse_ds(record(rr_type::kDs, {0x8d, 0x56, 8, 2}))), "no digest"));
  const std::string error =
      error_of(parse_ds(record(rr_type::kDs, concat({{0x8d, 0x56, 8, 2}, Bytes(31, 1)}))));
  EXPECT_TRUE(contains(error, "31 octets")) << error;
  EXPECT_FALSE(parse_ds(record(rr_type::kDs, concat({{0, 1, 8, 1}, Bytes(32, 1)}))).ok());
  EXPECT_TRUE(parse_ds(record(rr_type::kDs, concat({{0, 1, 8, 1}, Bytes(20, 1)}))).ok());
  EXPECT_TRUE(parse_ds(record(rr_type::kDs, concat({{0, 1, 8, 4}, Bytes(48, 1)}))).ok());
  EXPECT_TRUE(parse_ds(record(rr_type::kDs, concat({{0, 1, 8, 200}, Bytes(7, 1)}))).ok());
  EXPECT_FALSE(parse_ds(record(rr_type::kDnskey, concat({{0, 1, 8, 1}, Bytes(20, 1)}))).ok());
}

// ---- RRSIG ----

TEST(ParseRrsig, RecordedSignature) {
  Message m = parse_recorded(testdata::kDnskey);
  auto sig = parse_rrsig(m.answers.at(2));
  ASSERT_TRUE(sig.ok()) << sig.error().message;
  EXPECT_EQ(sig->type_covered, rr_type::kDnskey);
  EXPECT_EQ(sig->algorithm, 8);
  EXPECT_EQ(sig->labels, 2);
  EXPECT_EQ(sig->original_ttl, 3600u);
  EXPECT_EQ(sig->expiration, 1893456000u);  // 2030-01-01T00:00:00Z
  EXPECT_EQ(sig->inception, 1704067200u);   // 2024-01-01T00:00:00Z
  EXPECT_EQ(sig->key_tag, 36182);
  EXPECT_EQ(sig->signer, "example.com");
}

Bytes rrsig_fixed() {
  return {0, 1, 13, 2, 0, 0, 0x0e, 0x10, 0x70, 0xdb, 0xd8, 0x80, 0x65, 0x92, 0, 0x80, 0x27, 0xca};
}

TEST(ParseRrsig, RejectsMalformed) {
  Bytes fixed = rrsig_fixed();
  auto ok = parse_rrsig(record(rr_type::kRrsig, concat({fixed, name_wire("example.com"), {1}})));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->key_tag, 10186);
  EXPECT_TRUE(contains(
      error_of(parse_rrsig(record(rr_type::kRrsig, concat({fixed, name_wire("example.com")})))),
      "no signature"));
  EXPECT_TRUE(contains(error_of(parse_rrsig(record(rr_type::kRrsig, concat({fixed, {7, 'e'}})))),
                       "signer name"));
  EXPECT_FALSE(parse_rrsig(record(rr_type::kRrsig, concat({fixed, {0xc0, 0x0c, 1}}))).ok());
  fixed.pop_back();
  EXPECT_TRUE(contains(error_of(parse_rrsig(record(rr_type::kRrsig, fixed))), "key tag"));
  EXPECT_FALSE(parse_rrsig(record(rr_type::kNsec, concat({rrsig_fixed(), {0, 1}}))).ok());
}

// ---- NSEC3 / NSEC3PARAM ----

TEST(ParseNsec3, RecordedRecord) {
  Message m = parse_recorded(testdata::kNxdomainNsec3);
  auto nsec3 = parse_nsec3(m.authority.at(0));
  ASSERT_TRUE(nsec3.ok()) << nsec3.error().message;
  EXPECT_EQ(nsec3->hash_algorithm, 1);
  EXPECT_EQ(nsec3->flags, 0);
  EXPECT_EQ(nsec3->iterations, 0);
  EXPECT_EQ(nsec3->salt, (Bytes{0xab, 0xcd}));
  // "jlgtmouvaslo8ljhl7i82b8cf4pk0m60" in base32hex.
  EXPECT_EQ(nsec3->next_hashed_owner, hex("9d61db63df572b845671a9e4812d0c79334058c0"));
  EXPECT_TRUE(parse_nsec3(m.authority.at(2)).ok());
}

Bytes nsec3_rdata(const Bytes& bitmaps) {
  return concat({{1, 1, 0, 10, 0}, {20}, Bytes(20, 0x11), bitmaps});
}

TEST(ParseNsec3, ChecksFields) {
  auto plain = parse_nsec3(record(rr_type::kNsec3, nsec3_rdata({0, 1, 0x40})));
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(plain->flags, 1);  // opt-out
  EXPECT_EQ(plain->iterations, 10);
  EXPECT_TRUE(plain->salt.empty());
  EXPECT_EQ(plain->next_hashed_owner.size(), 20u);
  EXPECT_TRUE(parse_nsec3(record(rr_type::kNsec3, nsec3_rdata({}))).ok());

  EXPECT_TRUE(
      contains(error_of(parse_nsec3(record(rr_type::kNsec3, {1, 0, 0, 0, 4, 0xab}))), "salt"));
  EXPECT_TRUE(contains(error_of(parse_nsec3(record(rr_type::kNsec3, {1, 0, 0, 0, 0, 0}))),
                       "empty next hashed owner"));
  EXPECT_FALSE(parse_nsec3(record(rr_type::kNsec3, {1, 0, 0, 0, 0, 20, 1, 2})).ok());
  EXPECT_FALSE(parse_nsec3(record(rr_type::kNsec3, nsec3_rdata({0, 0}))).ok());     // len 0
  EXPECT_FALSE(parse_nsec3(record(rr_type::kNsec3, nsec3_rdata({0, 33}))).ok());    // len 33
  EXPECT_FALSE(parse_nsec3(record(rr_type::kNsec3, nsec3_rdata({0, 2, 1}))).ok());  // cut
  EXPECT_FALSE(parse_nsec3(record(rr_type::kNsec3, nsec3_rdata({1, 1, 1, 0, 1, 1}))).ok());
  EXPECT_FALSE(parse_nsec3(record(rr_type::kNsec3param, nsec3_rdata({}))).ok());
}

TEST(ParseNsec3param, ReadsAndRejects) {
  Message m = parse_recorded(testdata::kNsec3param);
  auto param = parse_nsec3param(m.answers.at(0));
  ASSERT_TRUE(param.ok()) << param.error().message;
  EXPECT_EQ(param->hash_algorithm, 1);
  EXPECT_EQ(param->flags, 0);
  EXPECT_EQ(param->iterations, 0);
  EXPECT_EQ(param->salt, (Bytes{0xab, 0xcd}));

  EXPECT_FALSE(parse_nsec3param(record(rr_type::kNsec3param, {1, 0, 0, 0, 2, 0xab, 0xcd, 0})).ok());
  EXPECT_FALSE(parse_nsec3param(record(rr_type::kNsec3param, {1, 0, 0, 0, 2, 0xab})).ok());
  EXPECT_FALSE(parse_nsec3param(record(rr_type::kNsec3param, {1, 0, 0})).ok());
  auto no_salt = parse_nsec3param(record(rr_type::kNsec3param, {1, 0, 0, 5, 0}));
  ASSERT_TRUE(no_salt.ok());
  EXPECT_EQ(no_salt->iterations, 5);
}

// ---- CAA ----

TEST(ParseCaa, RecordedRecord) {
  Message m = parse_recorded(testdata::kCaa);
  auto caa = parse_caa(m.answers.at(0));
  ASSERT_TRUE(caa.ok());
  EXPECT_EQ(caa->flags, 0);
  EXPECT_FALSE(caa->critical());
  EXPECT_EQ(caa->tag, "issue");
  EXPECT_EQ(caa->value, "letsencrypt.org");
}

TEST(ParseCaa, ReadsAndRejects) {
  auto critical = parse_caa(record(rr_type::kCaa, concat({{128, 5}, from_text("Iodef")})));
  ASSERT_TRUE(critical.ok());
  EXPECT_TRUE(critical->critical());
  EXPECT_EQ(critical->tag, "Iodef");  // kept as on the wire
  EXPECT_EQ(critical->value, "");

  EXPECT_TRUE(contains(error_of(parse_caa(record(rr_type::kCaa, concat({{0, 0}, from_text("x")})))),
                       "empty tag"));
  EXPECT_TRUE(contains(error_of(parse_caa(record(rr_type::kCaa, {0, 9, 'i', 's'}))), "tag"));
  EXPECT_FALSE(parse_caa(record(rr_type::kCaa, {0})).ok());
  EXPECT_FALSE(parse_caa(record(rr_type::kCaa, {})).ok());
  EXPECT_FALSE(parse_caa(record(rr_type::kTxt, concat({{0, 5}, from_text("issue")}))).ok());
}

TEST(Errors, NameTheRecord) {
  auto rr = record(rr_type::kSoa, {0});
  rr.owner = "zone.example";
  const std::string error = error_of(parse_soa(rr));
  EXPECT_TRUE(contains(error, "SOA")) << error;
  EXPECT_TRUE(contains(error, "zone.example")) << error;
}

}  // namespace
}  // namespace baseline::dns
