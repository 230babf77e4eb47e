// SPDX-License-Identifier: Apache-2.0
// Hand-built ClientHellos and a parser for what a server sends back before encryption starts
// (ServerHello, HelloRetryRequest, Certificate skipped, ServerKeyExchange, ServerHelloDone,
// alerts). Input is hostile: every length is checked, buffers are bounded, nothing throws.
// Not thread-safe; plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace baseline::tls {

inline constexpr std::uint16_t kSsl3 = 0x0300;
inline constexpr std::uint16_t kTls10 = 0x0301;
inline constexpr std::uint16_t kTls11 = 0x0302;
inline constexpr std::uint16_t kTls12 = 0x0303;
inline constexpr std::uint16_t kTls13 = 0x0304;
std::string version_name(std::uint16_t version);  // "TLSv1.2", "SSLv3"

struct ClientHelloSpec {
  std::uint16_t version = kTls12;  // highest version offered
  std::vector<std::uint16_t> suites;
  std::vector<std::uint16_t> groups;  // supported_groups
  std::vector<std::uint16_t> signature_algorithms;
  std::vector<std::uint16_t> key_shares;  // TLS 1.3: groups to send a share for, in `groups` order
  std::string server_name;                // SNI; empty: none
  bool offer_compression = true;          // DEFLATE (1) before null (0)
};

// The ClientHello as one TLS record (several when it is longer than one record may be).
std::vector<std::uint8_t> build_client_hello(const ClientHelloSpec& spec);

// Default lists: every signature scheme / group Baseline knows.
std::vector<std::uint16_t> all_signature_algorithms();

struct ServerReply {
  enum class Kind { kServerHello, kHelloRetryRequest, kAlert };
  Kind kind = Kind::kAlert;
  std::uint16_t version = 0;  // negotiated (supported_versions wins over legacy)
  std::uint16_t suite = 0;
  std::uint8_t compression = 0;
  bool extended_master_secret = false;
  bool secure_renegotiation = false;
  std::optional<std::uint16_t> group;          // key_share (1.3) or ServerKeyExchange named curve
  std::vector<std::uint8_t> dh_prime;          // ServerKeyExchange DHE p (big-endian)
  std::optional<std::uint16_t> kex_signature;  // ServerKeyExchange signature scheme (TLS 1.2)
  bool key_exchange_seen = false;
  std::uint8_t alert_level = 0;
  std::uint8_t alert_description = 0;
};

// Incremental parser: feed() bytes as they arrive.
class ReplyParser {
 public:
  enum class State { kNeedMore, kDone, kInvalid };
  // want_key_exchange: for TLS <= 1.2 with an (EC)DHE suite, read on to the ServerKeyExchange.
  explicit ReplyParser(bool want_key_exchange) : want_key_exchange_(want_key_exchange) {}
  State feed(std::span<const std::uint8_t> bytes);
  const ServerReply& reply() const { return reply_; }
  const std::string& error() const { return error_; }
  std::size_t bytes_seen() const { return seen_; }

  static constexpr std::size_t kMaxRecord = 16384 + 2048;
  static constexpr std::size_t kMaxTotal = 256 * 1024;

 private:
  State fail(std::string why);
  State handle_handshake();
  State parse_server_hello(std::span<const std::uint8_t> body);
  State parse_key_exchange(std::span<const std::uint8_t> body);

  bool want_key_exchange_;
  bool have_hello_ = false;
  std::vector<std::uint8_t> buffer_;     // unparsed record bytes
  std::vector<std::uint8_t> handshake_;  // reassembled handshake messages
  ServerReply reply_;
  std::string error_;
  std::size_t seen_ = 0;
  State state_ = State::kNeedMore;
};

std::string alert_name(std::uint8_t description);

}  // namespace baseline::tls
