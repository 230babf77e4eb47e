// SPDX-License-Identifier: Apache-2.0
#include "dns/testing/records.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "dns/types.h"
#include "dns/wire_writer.h"

namespace baseline::dns::testing {
namespace {

void put_name(std::vector<std::uint8_t>& out, const std::string& name) {
  auto wire = encode_name(name);
  out.insert(out.end(), wire->begin(), wire->end());
}
// A type bitmap (RFC 4034 §4.1.2) with just A and RRSIG, enough for parsers.
void put_bitmap(std::vector<std::uint8_t>& out) {
  out.insert(out.end(), {0x00, 0x06, 0x40, 0x00, 0x00, 0x00, 0x00, 0x02});
}

}  // namespace

ResourceRecord rr(const std::string& owner, std::uint16_t type, std::vector<std::uint8_t> rdata) {
  return ResourceRecord{owner, type, kClassIn, 300, std::move(rdata)};
}

ResourceRecord a(const std::string& owner, const std::string& address) {
  auto ip = boost::asio::ip::make_address(address);
  if (ip.is_v4()) {
    auto bytes = ip.to_v4().to_bytes();
    return rr(owner, rr_type::kA, {bytes.begin(), bytes.end()});
  }
  auto bytes = ip.to_v6().to_bytes();
  return rr(owner, rr_type::kAaaa, {bytes.begin(), bytes.end()});
}

ResourceRecord ns(const std::string& owner, const std::string& target) {
  std::vector<std::uint8_t> data;
  put_name(data, target);
  return rr(owner, rr_type::kNs, data);
}

ResourceRecord cname(const std::string& owner, const std::string& target) {
  std::vector<std::uint8_t> data;
  put_name(data, target);
  return rr(owner, rr_type::kCname, data);
}

ResourceRecord soa(const std::string& owner) {
  std::vector<std::uint8_t> data;
  put_name(data, "ns1." + owner);
  put_name(data, "hostmaster." + owner);
  for (std::uint32_t v : {2026112201u, 3600u, 600u, 86400u, 300u}) put32(data, v);
  return rr(owner, rr_type::kSoa, data);
}

std::vector<std::uint8_t> rsa_key(int bits) {
  std::vector<std::uint8_t> key{3, 0x01, 0x00, 0x01};  // exponent 65537
  key.push_back(0x80);                                 // top bit set: exactly `bits` bits
  key.resize(4 + static_cast<std::size_t>(bits / 8), 0x5a);
  return key;
}

ResourceRecord dnskey(const std::string& owner, std::uint16_t flags, std::uint8_t algorithm,
                      std::vector<std::uint8_t> key) {
  std::vector<std::uint8_t> data;
  put16(data, flags);
  data.push_back(3);
  data.push_back(algorithm);
  data.insert(data.end(), key.begin(), key.end());
  return rr(owner, rr_type::kDnskey, data);
}

ResourceRecord ds(const std::string& owner, std::uint16_t tag, std::uint8_t algorithm,
                  std::uint8_t digest_type) {
  std::vector<std::uint8_t> data;
  put16(data, tag);
  data.push_back(algorithm);
  data.push_back(digest_type);
  data.resize(data.size() + (digest_type == 1 ? 20 : digest_type == 4 ? 48 : 32), 0xab);
  return rr(owner, rr_type::kDs, data);
}

ResourceRecord rrsig(const std::string& owner, std::uint16_t covered, const std::string& signer) {
  std::vector<std::uint8_t> data;
  put16(data, covered);
  data.push_back(13);
  data.push_back(2);
  put32(data, 300);
  put32(data, 2000000000u);
  put32(data, 1700000000u);
  put16(data, 12345);
  put_name(data, signer);
  data.resize(data.size() + 64, 0x11);
  return rr(owner, rr_type::kRrsig, data);
}

ResourceRecord nsec(const std::string& owner, const std::string& next) {
  std::vector<std::uint8_t> data;
  put_name(data, next);
  put_bitmap(data);
  return rr(owner, rr_type::kNsec, data);
}

ResourceRecord nsec3(const std::string& owner, std::uint16_t iterations,
                     std::vector<std::uint8_t> salt, std::uint8_t flags) {
  std::vector<std::uint8_t> data{1, flags};
  put16(data, iterations);
  data.push_back(static_cast<std::uint8_t>(salt.size()));
  data.insert(data.end(), salt.begin(), salt.end());
  data.push_back(20);
  data.resize(data.size() + 20, 0x42);
  put_bitmap(data);
  return rr(owner, rr_type::kNsec3, data);
}

ResourceRecord nsec3param(const std::string& owner, std::uint16_t iterations,
                          std::vector<std::uint8_t> salt) {
  std::vector<std::uint8_t> data{1, 0};
  put16(data, iterations);
  data.push_back(static_cast<std::uint8_t>(salt.size()));
  data.insert(data.end(), salt.begin(), salt.end());
  return rr(owner, rr_type::kNsec3param, data);
}

ResourceRecord txt(const std::string& owner, const std::vector<std::string>& strings) {
  std::vector<std::uint8_t> data;
  for (const auto& text : strings) {
    std::size_t pos = 0;
    do {
      const std::size_t n = std::min<std::size_t>(255, text.size() - pos);
      data.push_back(static_cast<std::uint8_t>(n));
      data.insert(data.end(), text.begin() + static_cast<long>(pos),
                  text.begin() + static_cast<long>(pos + n));
      pos += n;
    } while (pos < text.size());
  }
  return rr(owner, rr_type::kTxt, data);
}

ResourceRecord mx(const std::string& owner, std::uint16_t preference, const std::string& exchange) {
  std::vector<std::uint8_t> data;
  put16(data, preference);
  put_name(data, exchange);
  return rr(owner, rr_type::kMx, data);
}

ResourceRecord ptr(const std::string& owner, const std::string& target) {
  std::vector<std::uint8_t> data;
  put_name(data, target);
  return rr(owner, rr_type::kPtr, data);
}

ResourceRecord caa(const std::string& owner, std::uint8_t flags, const std::string& tag,
                   const std::string& value) {
  std::vector<std::uint8_t> data{flags, static_cast<std::uint8_t>(tag.size())};
  data.insert(data.end(), tag.begin(), tag.end());
  data.insert(data.end(), value.begin(), value.end());
  return rr(owner, rr_type::kCaa, data);
}

Answer answer(const std::string& name, std::uint16_t type, std::vector<ResourceRecord> answers,
              std::vector<ResourceRecord> authority, std::uint16_t rcode, Security security) {
  Answer out;
  out.rcode = rcode;
  out.security = security;
  out.message.header.qr = true;
  out.message.header.rcode = rcode;
  out.message.questions.push_back(Question{name, type, kClassIn});
  out.message.answers = std::move(answers);
  out.message.authority = std::move(authority);
  return out;
}

void FakeResolver::add(const std::string& name, std::uint16_t type, Answer answer, bool validated) {
  table_.insert_or_assign({name, type, validated}, core::Result<Answer>(std::move(answer)));
}

void FakeResolver::fail(const std::string& name, std::uint16_t type, std::string error) {
  for (bool validated : {false, true}) {
    table_.insert_or_assign({name, type, validated}, core::Result<Answer>(core::make_error(error)));
  }
}

boost::asio::awaitable<core::Result<Answer>> FakeResolver::lookup(std::string name,
                                                                  std::uint16_t type,
                                                                  LookupOptions options) {
  ++asked;
  auto found = table_.find({name, type, options.validate});
  if (found == table_.end() && options.validate) found = table_.find({name, type, false});
  if (found != table_.end()) co_return found->second;
  if (strict) co_return core::make_error("unexpected question " + name + " " + type_name(type));
  co_return answer(name, type, {});
}

}  // namespace baseline::dns::testing
