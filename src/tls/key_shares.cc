// SPDX-License-Identifier: Apache-2.0
#include "tls/key_shares.h"

#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include "tls/groups.h"
#include "tls/openssl_handles.h"

namespace baseline::tls {
namespace {

using Bytes = std::vector<std::uint8_t>;

// X25519 and X448 (RFC 7748): every string of the right length is a public value.
Bytes random_value(std::size_t size) {
  Bytes out(size);
  if (RAND_bytes(out.data(), static_cast<int>(size)) != 1) out.assign(size, 9);  // still valid
  return out;
}

// The NIST and brainpool curves a share is made for (RFC 8446 4.2.7, RFC 8734).
constexpr std::pair<std::uint16_t, int> kCurves[] = {
    {0x0017, NID_X9_62_prime256v1},  // secp256r1
    {0x0018, NID_secp384r1},         // secp384r1
    {0x0019, NID_secp521r1},         // secp521r1
    {0x001f, NID_brainpoolP256r1},   // brainpoolP256r1tls13
    {0x0020, NID_brainpoolP384r1},   // brainpoolP384r1tls13
    {0x0021, NID_brainpoolP512r1},   // brainpoolP512r1tls13
};

bool is_curve(std::uint16_t group) {
  return std::any_of(std::begin(kCurves), std::end(kCurves),
                     [&](const auto& curve) { return curve.first == group; });
}

// The curve's generator, uncompressed (the public value of the private key 1). It is a point on
// the curve of the right order, which is all a server checks of a share (SP 800-56A 5.6.2.3),
// and taking it costs no scalar multiplication — a share made from a fresh key would cost a
// millisecond or more a curve, once per process.
std::optional<Bytes> curve_generator(int nid) {
  const EcGroupPtr curve(EC_GROUP_new_by_curve_name(nid));
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

}  // namespace

bool makes_key_share(std::uint16_t group) {
  return group == kX25519 || group == kX448 || is_curve(group);
}

std::optional<std::vector<std::uint8_t>> key_share_value(std::uint16_t group) {
  if (group == kX25519) return random_value(32);
  if (group == kX448) return random_value(56);
  // Made once per process: six curves, no key generation.
  static const auto generators = [] {
    std::map<std::uint16_t, std::optional<Bytes>> out;
    for (const auto& [id, nid] : kCurves) out.emplace(id, curve_generator(nid));
    return out;
  }();
  const auto found = generators.find(group);
  if (found == generators.end()) return std::nullopt;
  return found->second;
}

}  // namespace baseline::tls
