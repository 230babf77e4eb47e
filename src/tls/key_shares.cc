// SPDX-License-Identifier: Apache-2.0
#include "tls/key_shares.h"

#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <map>
#include <memory>

#include "tls/groups.h"

namespace baseline::tls {
namespace {

using Bytes = std::vector<std::uint8_t>;

// X25519 and X448 (RFC 7748): every string of the right length is a public value.
Bytes random_value(std::size_t size) {
  Bytes out(size);
  if (RAND_bytes(out.data(), static_cast<int>(size)) != 1) out.assign(size, 9);  // still valid
  return out;
}

// A NIST or brainpool curve: the generator, uncompressed (the public value of the private key
// 1). It is a point on the curve of the right order, which is all a server checks of a share
// (SP 800-56A 5.6.2.3), and taking it costs no scalar multiplication — a share made from a
// fresh key would cost a millisecond or more a curve, once per process.
std::optional<Bytes> curve_generator(int nid) {
  const std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> curve(EC_GROUP_new_by_curve_name(nid),
                                                                  &EC_GROUP_free);
  if (!curve) return std::nullopt;
  const EC_POINT* generator = EC_GROUP_get0_generator(curve.get());
  const std::size_t size = EC_POINT_point2oct(curve.get(), generator, POINT_CONVERSION_UNCOMPRESSED,
                                              nullptr, 0, nullptr);
  if (size == 0) return std::nullopt;
  Bytes out(size);
  if (EC_POINT_point2oct(curve.get(), generator, POINT_CONVERSION_UNCOMPRESSED, out.data(), size,
                         nullptr) != size) {
    return std::nullopt;
  }
  return out;
}

int curve_of(std::uint16_t group) {
  switch (group) {
    case 0x0017:
      return NID_X9_62_prime256v1;  // secp256r1
    case 0x0018:
      return NID_secp384r1;
    case 0x0019:
      return NID_secp521r1;
    case 0x001f:
      return NID_brainpoolP256r1;  // brainpoolP256r1tls13 (RFC 8734)
    case 0x0020:
      return NID_brainpoolP384r1;  // brainpoolP384r1tls13
    case 0x0021:
      return NID_brainpoolP512r1;  // brainpoolP512r1tls13
    default:
      return NID_undef;
  }
}

}  // namespace

bool makes_key_share(std::uint16_t group) {
  return group == kX25519 || group == kX448 || curve_of(group) != NID_undef;
}

std::optional<std::vector<std::uint8_t>> key_share_value(std::uint16_t group) {
  if (group == kX25519) return random_value(32);
  if (group == kX448) return random_value(56);
  const int nid = curve_of(group);
  if (nid == NID_undef) return std::nullopt;
  // Made once per process: six curves, no key generation.
  static const auto generators = [] {
    std::map<int, std::optional<Bytes>> out;
    for (int curve : {NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1, NID_brainpoolP256r1,
                      NID_brainpoolP384r1, NID_brainpoolP512r1}) {
      out.emplace(curve, curve_generator(curve));
    }
    return out;
  }();
  return generators.at(nid);
}

}  // namespace baseline::tls
