// SPDX-License-Identifier: Apache-2.0
#define OPENSSL_SUPPRESS_DEPRECATED
#include "tls/wire.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/dh.h>
#include <openssl/obj_mac.h>

#include "tls/enumerate.h"

namespace baseline::tls {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes record(std::uint8_t type, const Bytes& body) {
  Bytes out{type, 3, 3, static_cast<std::uint8_t>(body.size() >> 8),
            static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes handshake(std::uint8_t type, const Bytes& body) {
  Bytes out{type, 0, static_cast<std::uint8_t>(body.size() >> 8),
            static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes server_hello(std::uint16_t version, std::uint16_t suite, const Bytes& extensions,
                   bool retry = false) {
  Bytes b{static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version)};
  Bytes random(32, 0x11);
  if (retry) {
    random = {0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C,
              0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB,
              0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};
  }
  b.insert(b.end(), random.begin(), random.end());
  b.push_back(0);  // session id
  b.push_back(static_cast<std::uint8_t>(suite >> 8));
  b.push_back(static_cast<std::uint8_t>(suite));
  b.push_back(0);
  b.push_back(static_cast<std::uint8_t>(extensions.size() >> 8));
  b.push_back(static_cast<std::uint8_t>(extensions.size()));
  b.insert(b.end(), extensions.begin(), extensions.end());
  return handshake(2, b);
}

TEST(ClientHello, HasRecordHeaderSuitesAndExtensions) {
  ClientHelloSpec spec;
  spec.version = kTls12;
  spec.suites = {0xc02f, 0x009c};
  spec.groups = {0x001d};
  spec.signature_algorithms = {0x0403};
  spec.server_name = "example.nl";
  auto bytes = build_client_hello(spec);
  ASSERT_GT(bytes.size(), 50u);
  EXPECT_EQ(bytes[0], 22);
  EXPECT_EQ(((bytes[3] << 8) | bytes[4]) + 5u, bytes.size());
  EXPECT_EQ(bytes[5], 1);  // client_hello
  EXPECT_EQ((bytes[9] << 8) | bytes[10], kTls12);
  EXPECT_EQ(bytes[43], 0);                     // no session id
  EXPECT_EQ((bytes[44] << 8) | bytes[45], 4);  // two suites
}

TEST(ClientHello, Tls13OffersSupportedVersionsAndAKeyShare) {
  ClientHelloSpec spec;
  spec.version = kTls13;
  spec.suites = {0x1301};
  spec.key_shares = {0x001d};
  auto bytes = build_client_hello(spec);
  EXPECT_EQ((bytes[9] << 8) | bytes[10], kTls12);  // legacy_version
  const std::string wire(bytes.begin(), bytes.end());
  EXPECT_NE(wire.find(std::string("\x00\x2b\x00\x03\x02\x03\x04", 7)), std::string::npos);
  EXPECT_NE(wire.find(std::string("\x00\x1d\x00\x20", 4)), std::string::npos);
}

TEST(ReplyParser, Tls12ServerHelloWithExtensions) {
  Bytes ext{0x00, 0x17, 0x00, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00};
  auto bytes = record(22, server_hello(kTls12, 0xc02f, ext));
  ReplyParser parser(false);
  ASSERT_EQ(parser.feed(bytes), ReplyParser::State::kDone);
  EXPECT_EQ(parser.reply().kind, ServerReply::Kind::kServerHello);
  EXPECT_EQ(parser.reply().version, kTls12);
  EXPECT_EQ(parser.reply().suite, 0xc02f);
  EXPECT_TRUE(parser.reply().extended_master_secret);
  EXPECT_TRUE(parser.reply().secure_renegotiation);
}

TEST(ReplyParser, ReadsOnToTheEcdheKeyExchangeAcrossRecords) {
  auto hello = server_hello(kTls12, 0xc02f, {});
  Bytes certificate = handshake(11, Bytes(300, 0));
  Bytes ske_body{3, 0x00, 0x17, 4, 1, 2, 3, 4, 0x04, 0x01, 0x00, 0x02, 0xaa, 0xbb};
  auto ske = handshake(12, ske_body);
  Bytes flight = hello;
  flight.insert(flight.end(), certificate.begin(), certificate.end());
  flight.insert(flight.end(), ske.begin(), ske.end());
  // Split the handshake stream over two records and feed byte by byte.
  Bytes first(flight.begin(), flight.begin() + 100), second(flight.begin() + 100, flight.end());
  auto bytes = record(22, first);
  auto more = record(22, second);
  bytes.insert(bytes.end(), more.begin(), more.end());
  ReplyParser parser(true);
  ReplyParser::State state = ReplyParser::State::kNeedMore;
  for (auto b : bytes) state = parser.feed(std::span<const std::uint8_t>(&b, 1));
  ASSERT_EQ(state, ReplyParser::State::kDone) << parser.error();
  EXPECT_EQ(parser.reply().group, 0x0017);
  EXPECT_EQ(parser.reply().kex_signature, 0x0401);
}

TEST(ReplyParser, HelloRetryRequestNamesTheGroup) {
  Bytes ext{0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0x00, 0x18};
  ReplyParser parser(false);
  ASSERT_EQ(parser.feed(record(22, server_hello(kTls12, 0x1302, ext, true))),
            ReplyParser::State::kDone);
  EXPECT_EQ(parser.reply().kind, ServerReply::Kind::kHelloRetryRequest);
  EXPECT_EQ(parser.reply().version, kTls13);
  EXPECT_EQ(parser.reply().group, 0x0018);
}

TEST(ReplyParser, AlertAndGarbage) {
  ReplyParser alert(false);
  ASSERT_EQ(alert.feed(Bytes{21, 3, 3, 0, 2, 2, 40}), ReplyParser::State::kDone);
  EXPECT_EQ(alert.reply().kind, ServerReply::Kind::kAlert);
  EXPECT_EQ(alert_name(alert.reply().alert_description), "handshake_failure");
  ReplyParser garbage(false);
  EXPECT_EQ(garbage.feed(Bytes{'H', 'T', 'T', 'P', '/', '1'}), ReplyParser::State::kInvalid);
  ReplyParser overlong(false);
  EXPECT_EQ(overlong.feed(Bytes{22, 3, 3, 0xff, 0xff}), ReplyParser::State::kInvalid);
  ReplyParser truncated(false);
  EXPECT_EQ(truncated.feed(record(22, Bytes{2, 0, 0, 3, 3, 3, 0})), ReplyParser::State::kInvalid);
}

TEST(DhGroups, NamesRfc7919PrimesAndCustomOnes) {
  EXPECT_EQ(dh_group_name({0xff, 0xff, 0x01}), "custom");
  DH* dh = DH_new_by_nid(NID_ffdhe3072);
  ASSERT_NE(dh, nullptr);
  const BIGNUM* p = nullptr;
  DH_get0_pqg(dh, &p, nullptr, nullptr);
  std::vector<std::uint8_t> prime(static_cast<std::size_t>(BN_num_bytes(p)));
  BN_bn2bin(p, prime.data());
  DH_free(dh);
  EXPECT_EQ(dh_group_name(prime), "ffdhe3072");
  prime.back() ^= 2;  // a different (custom) group of the same size
  EXPECT_EQ(dh_group_name(prime), "custom");
}

}  // namespace
}  // namespace baseline::tls
