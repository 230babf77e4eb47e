// SPDX-License-Identifier: Apache-2.0
#include "dns/rdata.h"

#include <algorithm>
#include <array>
#include <bit>
#include <initializer_list>
#include <optional>
#include <span>

#include "dns/types.h"

namespace baseline::dns {
namespace {

using core::make_error;
using core::Result;

// Bounds-checked big-endian reader over one record's RDATA. The first failed read remembers
// which field was missing so the error can name it.
class RdataReader {
 public:
  explicit RdataReader(const ResourceRecord& rr) : rr_(rr), data_(rr.rdata) {}

  std::size_t remaining() const { return data_.size() - pos_; }
  bool failed() const { return !problem_.empty(); }

  std::uint8_t u8(const char* field) {
    if (!need(1, field)) return 0;
    return data_[pos_++];
  }
  std::uint16_t u16(const char* field) {
    if (!need(2, field)) return 0;
    const auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  std::uint32_t u32(const char* field) {
    if (!need(4, field)) return 0;
    const std::uint32_t v = (std::uint32_t{data_[pos_]} << 24) |
                            (std::uint32_t{data_[pos_ + 1]} << 16) |
                            (std::uint32_t{data_[pos_ + 2]} << 8) | data_[pos_ + 3];
    pos_ += 4;
    return v;
  }
  std::vector<std::uint8_t> bytes(std::size_t n, const char* field) {
    if (!need(n, field)) return {};
    const auto first = data_.begin() + static_cast<std::ptrdiff_t>(pos_);
    pos_ += n;
    return {first, first + static_cast<std::ptrdiff_t>(n)};
  }
  std::vector<std::uint8_t> rest() { return bytes(remaining(), "rest"); }
  std::string name(const char* field) {
    if (failed()) return {};
    auto decoded = decode_name(data_, pos_);
    if (!decoded) {
      problem_ = std::string(field) + ": " + decoded.error().message;
      return {};
    }
    return std::move(*decoded);
  }

  // The error for this record, or for `extra` problems found by the caller.
  core::Error error(const std::string& extra = {}) const {
    return make_error("malformed " + type_name(rr_.type) + " record for '" + rr_.owner +
                      "': " + (extra.empty() ? problem_ : extra));
  }
  // Nothing may follow the last field.
  bool finished() {
    if (failed()) return false;
    if (remaining() != 0) {
      problem_ = std::to_string(remaining()) + " unexpected octets after the last field";
      return false;
    }
    return true;
  }

 private:
  bool need(std::size_t n, const char* field) {
    if (failed()) return false;
    if (remaining() >= n) return true;
    problem_ = std::string("RDATA too short for the ") + field;
    return false;
  }

  const ResourceRecord& rr_;
  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
  std::string problem_;
};

std::optional<core::Error> wrong_type(const ResourceRecord& rr,
                                      std::initializer_list<std::uint16_t> expected) {
  for (auto type : expected) {
    if (rr.type == type) return std::nullopt;
  }
  std::string names;
  for (auto type : expected) names += (names.empty() ? "" : "/") + type_name(type);
  return make_error("expected a " + names + " record for '" + rr.owner + "', got " +
                    type_name(rr.type));
}

// RFC 4034 Appendix B: ones'-complement-style sum over the whole RDATA.
std::uint16_t compute_key_tag(std::span<const std::uint8_t> rdata, std::uint8_t algorithm,
                              std::span<const std::uint8_t> public_key) {
  // Algorithm 1 (RSA/MD5) uses bits 16..31 from the end of the modulus instead (B.1).
  if (algorithm == 1) {
    if (public_key.size() < 3) return 0;
    const std::size_t n = public_key.size();
    return static_cast<std::uint16_t>((public_key[n - 3] << 8) | public_key[n - 2]);
  }
  std::uint32_t acc = 0;
  for (std::size_t i = 0; i < rdata.size(); ++i) {
    acc += (i & 1) != 0 ? rdata[i] : std::uint32_t{rdata[i]} << 8;
  }
  acc += (acc >> 16) & 0xffff;
  return static_cast<std::uint16_t>(acc & 0xffff);
}

// NSEC3 type bitmaps (RFC 5155 3.2.1): window, length 1..32, bitmap; windows ascending.
std::optional<std::string> check_type_bitmaps(RdataReader& reader) {
  int last_window = -1;
  while (reader.remaining() > 0) {
    const std::uint8_t window = reader.u8("bitmap window");
    const std::uint8_t length = reader.u8("bitmap length");
    if (reader.failed()) return std::nullopt;
    if (window <= last_window) return "type bitmap windows out of order";
    if (length == 0 || length > 32) return "type bitmap length " + std::to_string(length);
    (void)reader.bytes(length, "type bitmap");
    if (reader.failed()) return std::nullopt;
    last_window = window;
  }
  return std::nullopt;
}

}  // namespace

int DnskeyData::rsa_modulus_bits() const {
  if (algorithm != 1 && algorithm != 5 && algorithm != 7 && algorithm != 8 && algorithm != 10) {
    return 0;
  }
  // RFC 3110 2: exponent length in one octet, or 0 and then in two octets.
  const std::size_t size = public_key.size();
  if (size < 1) return 0;
  std::size_t pos = 1;
  std::size_t exponent_length = public_key[0];
  if (exponent_length == 0) {
    if (size < 3) return 0;
    exponent_length = (std::size_t{public_key[1]} << 8) | public_key[2];
    pos = 3;
  }
  if (exponent_length == 0 || size - pos <= exponent_length) return 0;
  pos += exponent_length;
  while (pos < size && public_key[pos] == 0) ++pos;  // leading zero octets carry no bits
  if (pos == size) return 0;
  const int significant_octets = static_cast<int>(size - pos);
  return significant_octets * 8 - std::countl_zero(public_key[pos]);
}

Result<boost::asio::ip::address> parse_address(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kA, rr_type::kAaaa})) return *error;
  RdataReader reader(rr);
  const std::size_t expected = rr.type == rr_type::kA ? 4 : 16;
  if (rr.rdata.size() != expected) {
    return reader.error(std::to_string(rr.rdata.size()) + " octets of RDATA, " +
                        std::to_string(expected) + " expected");
  }
  if (rr.type == rr_type::kA) {
    std::array<unsigned char, 4> bytes{};
    std::copy(rr.rdata.begin(), rr.rdata.end(), bytes.begin());
    return boost::asio::ip::address(boost::asio::ip::address_v4(bytes));
  }
  std::array<unsigned char, 16> bytes{};
  std::copy(rr.rdata.begin(), rr.rdata.end(), bytes.begin());
  return boost::asio::ip::address(boost::asio::ip::address_v6(bytes));
}

Result<std::string> parse_name_rdata(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kNs, rr_type::kCname, 12 /* PTR */})) return *error;
  RdataReader reader(rr);
  std::string name = reader.name("target name");
  if (!reader.finished()) return reader.error();
  return name;
}

Result<SoaData> parse_soa(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kSoa})) return *error;
  RdataReader reader(rr);
  SoaData soa;
  soa.mname = reader.name("MNAME");
  soa.rname = reader.name("RNAME");
  soa.serial = reader.u32("SERIAL");
  soa.refresh = reader.u32("REFRESH");
  soa.retry = reader.u32("RETRY");
  soa.expire = reader.u32("EXPIRE");
  soa.minimum = reader.u32("MINIMUM");
  if (!reader.finished()) return reader.error();
  return soa;
}

Result<MxData> parse_mx(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kMx})) return *error;
  RdataReader reader(rr);
  MxData mx;
  mx.preference = reader.u16("preference");
  mx.exchange = reader.name("exchange");
  if (!reader.finished()) return reader.error();
  return mx;
}

Result<std::vector<std::string>> parse_txt(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kTxt})) return *error;
  RdataReader reader(rr);
  // RFC 1035 3.3.14: one or more character-strings.
  if (rr.rdata.empty()) return reader.error("empty RDATA (at least one string is required)");
  std::vector<std::string> strings;
  while (reader.remaining() > 0) {
    const std::uint8_t length = reader.u8("string length");
    auto text = reader.bytes(length, "character-string");
    if (reader.failed()) return reader.error();
    strings.emplace_back(text.begin(), text.end());
  }
  return strings;
}

Result<DnskeyData> parse_dnskey(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kDnskey, 60 /* CDNSKEY */})) return *error;
  RdataReader reader(rr);
  DnskeyData key;
  key.flags = reader.u16("flags");
  key.protocol = reader.u8("protocol");
  key.algorithm = reader.u8("algorithm");
  if (reader.failed()) return reader.error();
  key.public_key = reader.rest();
  // Even the CDNSKEY "delete" record (RFC 8078) carries a one-octet key.
  if (key.public_key.empty()) return reader.error("no public key");
  key.key_tag = compute_key_tag(rr.rdata, key.algorithm, key.public_key);
  return key;
}

Result<DsData> parse_ds(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kDs, 59 /* CDS */})) return *error;
  RdataReader reader(rr);
  DsData ds;
  ds.key_tag = reader.u16("key tag");
  ds.algorithm = reader.u8("algorithm");
  ds.digest_type = reader.u8("digest type");
  if (reader.failed()) return reader.error();
  ds.digest = reader.rest();
  if (ds.digest.empty()) return reader.error("no digest");
  // Known digest types have fixed sizes (SHA-1, SHA-256, GOST, SHA-384).
  constexpr std::array<std::size_t, 5> kDigestSizes{0, 20, 32, 32, 48};
  if (ds.digest_type >= 1 && ds.digest_type < kDigestSizes.size() &&
      ds.digest.size() != kDigestSizes[ds.digest_type]) {
    return reader.error("digest of " + std::to_string(ds.digest.size()) +
                        " octets for digest type " + std::to_string(ds.digest_type) + ", " +
                        std::to_string(kDigestSizes[ds.digest_type]) + " expected");
  }
  return ds;
}

Result<RrsigData> parse_rrsig(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kRrsig})) return *error;
  RdataReader reader(rr);
  RrsigData sig;
  sig.type_covered = reader.u16("type covered");
  sig.algorithm = reader.u8("algorithm");
  sig.labels = reader.u8("labels");
  sig.original_ttl = reader.u32("original TTL");
  sig.expiration = reader.u32("expiration");
  sig.inception = reader.u32("inception");
  sig.key_tag = reader.u16("key tag");
  sig.signer = reader.name("signer name");
  if (reader.failed()) return reader.error();
  if (reader.remaining() == 0) return reader.error("no signature");
  return sig;
}

Result<Nsec3Data> parse_nsec3(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kNsec3})) return *error;
  RdataReader reader(rr);
  Nsec3Data nsec3;
  nsec3.hash_algorithm = reader.u8("hash algorithm");
  nsec3.flags = reader.u8("flags");
  nsec3.iterations = reader.u16("iterations");
  nsec3.salt = reader.bytes(reader.u8("salt length"), "salt");
  const std::uint8_t hash_length = reader.u8("hash length");
  nsec3.next_hashed_owner = reader.bytes(hash_length, "next hashed owner");
  if (reader.failed()) return reader.error();
  if (hash_length == 0) return reader.error("empty next hashed owner name");
  if (auto problem = check_type_bitmaps(reader)) return reader.error(*problem);
  if (reader.failed()) return reader.error();
  return nsec3;
}

Result<Nsec3ParamData> parse_nsec3param(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kNsec3param})) return *error;
  RdataReader reader(rr);
  Nsec3ParamData param;
  param.hash_algorithm = reader.u8("hash algorithm");
  param.flags = reader.u8("flags");
  param.iterations = reader.u16("iterations");
  param.salt = reader.bytes(reader.u8("salt length"), "salt");
  if (!reader.finished()) return reader.error();
  return param;
}

Result<CaaData> parse_caa(const ResourceRecord& rr) {
  if (auto error = wrong_type(rr, {rr_type::kCaa})) return *error;
  RdataReader reader(rr);
  CaaData caa;
  caa.flags = reader.u8("flags");
  const std::uint8_t tag_length = reader.u8("tag length");
  if (reader.failed()) return reader.error();
  if (tag_length == 0) return reader.error("empty tag (RFC 8659 requires at least one octet)");
  auto tag = reader.bytes(tag_length, "tag");
  if (reader.failed()) return reader.error();
  auto value = reader.rest();
  caa.tag.assign(tag.begin(), tag.end());
  caa.value.assign(value.begin(), value.end());
  return caa;
}

core::Result<std::string> parse_txt_joined(const ResourceRecord& rr) {
  auto strings = parse_txt(rr);
  if (!strings.ok()) return strings.error();
  std::string joined;
  for (const auto& piece : *strings) joined += piece;
  return joined;
}

}  // namespace baseline::dns
