// SPDX-License-Identifier: Apache-2.0
#include "tls/wire.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "tls/cipher_suites.h"
#include "tls/key_shares.h"

namespace baseline::tls {
namespace {

using Bytes = std::vector<std::uint8_t>;

void put8(Bytes& out, unsigned v) {
  out.push_back(static_cast<std::uint8_t>(v));
}
void put16(Bytes& out, unsigned v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
void put24(Bytes& out, std::size_t v) {
  put8(out, (v >> 16) & 0xff);
  put16(out, v & 0xffff);
}
void put_bytes(Bytes& out, std::span<const std::uint8_t> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}
void put_ext(Bytes& out, unsigned type, const Bytes& body) {
  put16(out, type);
  put16(out, body.size());
  put_bytes(out, body);
}
Bytes list16(const std::vector<std::uint16_t>& values) {
  Bytes out;
  put16(out, values.size() * 2);
  for (auto v : values) put16(out, v);
  return out;
}
Bytes random_bytes(std::size_t n) {
  Bytes out(n);
  if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i * 131 + 7);
  }
  return out;
}

constexpr std::array<std::uint8_t, 32> kHelloRetryRandom = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

// A bounds-checked reader over a span.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> data) : data_(data) {}
  bool u8(std::uint32_t& v) { return take(1, v); }
  bool u16(std::uint32_t& v) { return take(2, v); }
  bool u24(std::uint32_t& v) { return take(3, v); }
  bool bytes(std::size_t n, std::span<const std::uint8_t>& out) {
    if (data_.size() - pos_ < n) return false;
    out = data_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t left() const { return data_.size() - pos_; }

 private:
  bool take(std::size_t n, std::uint32_t& v) {
    if (data_.size() - pos_ < n) return false;
    v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | data_[pos_ + i];
    pos_ += n;
    return true;
  }
  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string version_name(std::uint16_t version) {
  switch (version) {
    case 0x0200:
      return "SSLv2";
    case kSsl3:
      return "SSLv3";
    case kTls10:
      return "TLSv1.0";
    case kTls11:
      return "TLSv1.1";
    case kTls12:
      return "TLSv1.2";
    case kTls13:
      return "TLSv1.3";
  }
  char text[16];
  std::snprintf(text, sizeof text, "0x%04x", version);
  return text;
}

std::vector<std::uint16_t> all_signature_algorithms() {
  return {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
          0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x081a, 0x081b,
          0x081c, 0x0303, 0x0301, 0x0203, 0x0201, 0x0402, 0x0302, 0x0202};
}

std::vector<std::uint8_t> build_client_hello(const ClientHelloSpec& spec) {
  const bool tls13 = spec.version >= kTls13;
  Bytes extensions;
  if (!spec.server_name.empty()) {
    Bytes sni;
    put16(sni, spec.server_name.size() + 3);
    put8(sni, 0);  // host_name
    put16(sni, spec.server_name.size());
    sni.insert(sni.end(), spec.server_name.begin(), spec.server_name.end());
    put_ext(extensions, 0x0000, sni);
  }
  if (!spec.groups.empty()) {
    put_ext(extensions, 0x000a, list16(spec.groups));
    put_ext(extensions, 0x000b, Bytes{1, 0});  // ec_point_formats: uncompressed
  }
  if (!spec.signature_algorithms.empty() && spec.version >= kTls12) {
    put_ext(extensions, 0x000d, list16(spec.signature_algorithms));
  }
  put_ext(extensions, 0x0017, {});        // extended_master_secret (RFC 7627)
  put_ext(extensions, 0xff01, Bytes{0});  // renegotiation_info, initial (RFC 5746)
  if (tls13) {
    put_ext(extensions, 0x002b, Bytes{2, 0x03, 0x04});  // supported_versions: 1.3 only
    put_ext(extensions, 0x002d, Bytes{1, 1});           // psk_key_exchange_modes: psk_dhe_ke
    Bytes shares;
    for (auto group : spec.key_shares) {
      const auto value = key_share_value(group);
      if (!value) continue;  // a group without a share: the server asks by HelloRetryRequest
      put16(shares, group);
      put16(shares, value->size());
      put_bytes(shares, *value);
    }
    Bytes body;
    put16(body, shares.size());
    put_bytes(body, shares);
    put_ext(extensions, 0x0033, body);
  }
  Bytes hello;
  put16(hello, tls13 ? kTls12 : spec.version);  // legacy_version
  put_bytes(hello, random_bytes(32));
  if (tls13) {  // a legacy session id, as middlebox-compatible clients send
    put8(hello, 32);
    put_bytes(hello, random_bytes(32));
  } else {
    put8(hello, 0);
  }
  put16(hello, spec.suites.size() * 2);
  for (auto s : spec.suites) put16(hello, s);
  if (spec.offer_compression && !tls13) {
    put_bytes(hello, Bytes{2, 1, 0});
  } else {
    put_bytes(hello, Bytes{1, 0});
  }
  put16(hello, extensions.size());
  put_bytes(hello, extensions);

  Bytes message;
  put8(message, 1);  // client_hello
  put24(message, hello.size());
  put_bytes(message, hello);

  Bytes out;
  const unsigned record_version = spec.version == kSsl3 ? kSsl3 : kTls10;
  for (std::size_t at = 0; at < message.size(); at += 16384) {
    const std::size_t n = std::min<std::size_t>(16384, message.size() - at);
    put8(out, 22);
    put16(out, record_version);
    put16(out, n);
    out.insert(out.end(), message.begin() + static_cast<std::ptrdiff_t>(at),
               message.begin() + static_cast<std::ptrdiff_t>(at + n));
  }
  return out;
}

ReplyParser::State ReplyParser::fail(std::string why) {
  error_ = std::move(why);
  return state_ = State::kInvalid;
}

ReplyParser::State ReplyParser::feed(std::span<const std::uint8_t> bytes) {
  if (state_ != State::kNeedMore) return state_;
  seen_ += bytes.size();
  if (seen_ > kMaxTotal) return fail("the server sent more than 256 KiB before its key exchange");
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  std::size_t at = 0;
  while (state_ == State::kNeedMore && buffer_.size() - at >= 5) {
    const std::uint8_t type = buffer_[at];
    const unsigned major = buffer_[at + 1];
    const std::size_t length = (std::size_t{buffer_[at + 3]} << 8) | buffer_[at + 4];
    if (type < 20 || type > 23 || major != 3) {
      if (at == 0 && !have_hello_ && (buffer_[0] & 0x80) && buffer_.size() >= 3 &&
          buffer_[2] == 4) {
        return fail("the server answered in SSL 2.0");
      }
      return fail("not a TLS record (type " + std::to_string(type) + ")");
    }
    if (length > kMaxRecord) return fail("a record longer than TLS allows");
    if (buffer_.size() - at < 5 + length) break;
    std::span<const std::uint8_t> body(buffer_.data() + at + 5, length);
    at += 5 + length;
    if (type == 21) {  // alert
      if (length < 2) return fail("a truncated alert");
      reply_.kind = ServerReply::Kind::kAlert;
      reply_.alert_level = body[0];
      reply_.alert_description = body[1];
      return state_ = State::kDone;
    }
    if (type == 20 || type == 23) {  // ChangeCipherSpec / encrypted data after a 1.3 hello
      if (!have_hello_) return fail("data before the ServerHello");
      return state_ = State::kDone;
    }
    if (type != 22) return fail("unexpected record type");
    handshake_.insert(handshake_.end(), body.begin(), body.end());
    if (handle_handshake() != State::kNeedMore) break;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(at));
  return state_;
}

ReplyParser::State ReplyParser::handle_handshake() {
  std::size_t at = 0;
  while (state_ == State::kNeedMore && handshake_.size() - at >= 4) {
    const std::uint8_t type = handshake_[at];
    const std::size_t length = (std::size_t{handshake_[at + 1]} << 16) |
                               (std::size_t{handshake_[at + 2]} << 8) | handshake_[at + 3];
    if (length > kMaxTotal) return fail("a handshake message longer than 256 KiB");
    if (handshake_.size() - at < 4 + length) break;
    std::span<const std::uint8_t> body(handshake_.data() + at + 4, length);
    at += 4 + length;
    if (!have_hello_) {
      if (type != 2) return fail("the first handshake message is not a ServerHello");
      if (parse_server_hello(body) != State::kNeedMore) break;
      continue;
    }
    switch (type) {
      case 11:  // Certificate: not needed here
      case 22:  // CertificateStatus
        break;
      case 12:  // ServerKeyExchange
        if (parse_key_exchange(body) == State::kInvalid) return state_;
        return state_ = State::kDone;
      case 13:  // CertificateRequest
        break;
      case 14:  // ServerHelloDone: no ServerKeyExchange came
        return state_ = State::kDone;
      default:
        return fail("unexpected handshake message " + std::to_string(type));
    }
  }
  handshake_.erase(handshake_.begin(), handshake_.begin() + static_cast<std::ptrdiff_t>(at));
  return state_;
}

ReplyParser::State ReplyParser::parse_server_hello(std::span<const std::uint8_t> body) {
  Reader r(body);
  std::uint32_t legacy = 0, sid_len = 0, suite = 0, compression = 0;
  std::span<const std::uint8_t> random, sid;
  if (!r.u16(legacy) || !r.bytes(32, random) || !r.u8(sid_len) || sid_len > 32 ||
      !r.bytes(sid_len, sid) || !r.u16(suite) || !r.u8(compression)) {
    return fail("a truncated ServerHello");
  }
  have_hello_ = true;
  reply_.version = static_cast<std::uint16_t>(legacy);
  reply_.suite = static_cast<std::uint16_t>(suite);
  reply_.compression = static_cast<std::uint8_t>(compression);
  const bool retry = std::equal(random.begin(), random.end(), kHelloRetryRandom.begin());
  reply_.kind = retry ? ServerReply::Kind::kHelloRetryRequest : ServerReply::Kind::kServerHello;
  if (r.left() > 0) {
    std::uint32_t total = 0;
    std::span<const std::uint8_t> all;
    if (!r.u16(total) || !r.bytes(total, all)) return fail("truncated ServerHello extensions");
    Reader ext(all);
    while (ext.left() > 0) {
      std::uint32_t type = 0, len = 0;
      std::span<const std::uint8_t> data;
      if (!ext.u16(type) || !ext.u16(len) || !ext.bytes(len, data)) {
        return fail("a truncated ServerHello extension");
      }
      Reader d(data);
      std::uint32_t v = 0;
      switch (type) {
        case 0x002b:
          if (!d.u16(v)) return fail("a malformed supported_versions");
          reply_.version = static_cast<std::uint16_t>(v);
          break;
        case 0x0033:
          if (!d.u16(v)) return fail("a malformed key_share");
          reply_.group = static_cast<std::uint16_t>(v);
          break;
        case 0x0017:
          reply_.extended_master_secret = true;
          break;
        case 0xff01:
          reply_.secure_renegotiation = true;
          break;
        default:
          break;
      }
    }
  }
  if (retry && reply_.version != kTls13) return fail("a HelloRetryRequest for a version below 1.3");
  if (reply_.version >= kTls13 || retry) return state_ = State::kDone;
  const auto* suite_info = find_suite(reply_.suite);
  if (!want_key_exchange_ || !suite_info || !(suite_info->dhe || suite_info->ecdhe)) {
    return state_ = State::kDone;
  }
  return state_;
}

ReplyParser::State ReplyParser::parse_key_exchange(std::span<const std::uint8_t> body) {
  Reader r(body);
  const auto* suite = find_suite(reply_.suite);
  reply_.key_exchange_seen = true;
  if (suite && suite->ecdhe) {
    std::uint32_t curve_type = 0, group = 0, point_len = 0;
    std::span<const std::uint8_t> point;
    if (!r.u8(curve_type)) return fail("a truncated ServerKeyExchange");
    if (curve_type != 3) return fail("a ServerKeyExchange with explicit curve parameters");
    if (!r.u16(group) || !r.u8(point_len) || !r.bytes(point_len, point)) {
      return fail("a truncated ServerKeyExchange");
    }
    reply_.group = static_cast<std::uint16_t>(group);
  } else if (suite && suite->dhe) {
    std::uint32_t p_len = 0, g_len = 0, y_len = 0;
    std::span<const std::uint8_t> p, g, y;
    if (!r.u16(p_len) || !r.bytes(p_len, p) || !r.u16(g_len) || !r.bytes(g_len, g) ||
        !r.u16(y_len) || !r.bytes(y_len, y)) {
      return fail("a truncated DHE ServerKeyExchange");
    }
    reply_.dh_prime.assign(p.begin(), p.end());
  } else {
    return state_;
  }
  if (reply_.version >= kTls12) {
    std::uint32_t scheme = 0;
    if (r.u16(scheme)) reply_.kex_signature = static_cast<std::uint16_t>(scheme);
  }
  return state_;
}

std::string alert_name(std::uint8_t d) {
  switch (d) {
    case 0:
      return "close_notify";
    case 10:
      return "unexpected_message";
    case 20:
      return "bad_record_mac";
    case 22:
      return "record_overflow";
    case 40:
      return "handshake_failure";
    case 42:
      return "bad_certificate";
    case 47:
      return "illegal_parameter";
    case 50:
      return "decode_error";
    case 51:
      return "decrypt_error";
    case 70:
      return "protocol_version";
    case 71:
      return "insufficient_security";
    case 80:
      return "internal_error";
    case 86:
      return "inappropriate_fallback";
    case 90:
      return "user_canceled";
    case 100:
      return "no_renegotiation";
    case 109:
      return "missing_extension";
    case 110:
      return "unsupported_extension";
    case 112:
      return "unrecognized_name";
    case 120:
      return "no_application_protocol";
  }
  return "alert " + std::to_string(d);
}

}  // namespace baseline::tls
