// SPDX-License-Identifier: Apache-2.0
// Test-only keys and certificates made with OpenSSL at run time, so that no test carries a
// private key or a certificate that expires: a CA, leaves it signs for given DNS names, and
// self-signed leaves. Valid from an hour ago for `days` days. Not thread-safe (one per test).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tls/openssl_handles.h"

namespace baseline::tls::testing {

enum class KeyKind { kEcP256, kRsa2048 };

struct TestCertificate {
  EvpPkeyPtr key;
  X509Ptr certificate;

  std::vector<std::uint8_t> der() const;       // the certificate
  std::vector<std::uint8_t> spki_der() const;  // its SubjectPublicKeyInfo (DANE selector 1)
  std::string pem() const;                     // the certificate in PEM
};

// A self-signed CA certificate (basicConstraints CA:TRUE, keyCertSign) named `common_name`.
TestCertificate make_ca(const std::string& common_name, KeyKind kind = KeyKind::kEcP256);
// A leaf for `dns_names` (subjectAltName dNSName; the first is also the CN), signed by `issuer`.
TestCertificate make_leaf(const std::vector<std::string>& dns_names, const TestCertificate& issuer,
                          KeyKind kind = KeyKind::kEcP256, int days = 30);
// A self-signed leaf for `dns_names` (not a CA).
TestCertificate make_self_signed(const std::vector<std::string>& dns_names,
                                 KeyKind kind = KeyKind::kEcP256);

// A PEM file in a fresh temporary directory, removed with it (--ca-file for a test CA).
class TempPemFile {
 public:
  explicit TempPemFile(const std::string& pem);
  ~TempPemFile();
  TempPemFile(const TempPemFile&) = delete;
  TempPemFile& operator=(const TempPemFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path directory_;
  std::filesystem::path path_;
};

}  // namespace baseline::tls::testing
