// SPDX-License-Identifier: Apache-2.0
#include "tls/testing/tlsa_for.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace baseline::tls::testing {

Tlsa tlsa_for(std::uint8_t usage, std::uint8_t selector, std::uint8_t matching,
              const TestCertificate& certificate) {
  Tlsa out{usage, selector, matching, {}};
  const auto data = selector == 0 ? certificate.der() : certificate.spki_der();
  if (matching == 0) {
    out.data = data;
    return out;
  }
  const EVP_MD* digest = matching == 1 ? EVP_sha256() : EVP_sha512();
  out.data.resize(static_cast<std::size_t>(EVP_MD_get_size(digest)));
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out.data.data(), &size, digest, nullptr) != 1) {
    throw std::runtime_error("tlsa_for: digest failed");
  }
  out.data.resize(size);
  return out;
}

}  // namespace baseline::tls::testing
