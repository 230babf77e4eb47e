// SPDX-License-Identifier: Apache-2.0
#include "tls/testing/test_certificates.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdlib>  // mkdtemp (POSIX, declared by glibc here)
#include <fstream>
#include <stdexcept>

namespace baseline::tls::testing {

namespace {

using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("test certificate: " + what);
}

EvpPkeyPtr make_key(KeyKind kind) {
  EVP_PKEY* key = kind == KeyKind::kEcP256
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048));
  if (!key) fail("key generation failed");
  return EvpPkeyPtr(key);
}

void add_extension(X509* certificate, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, &context, nid, value));
  if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1) {
    fail(std::string("cannot add extension ") + OBJ_nid2sn(nid) + " = " + value);
  }
}

// The certificate's fields before the extensions: version 3, a random serial, validity, names.
X509Ptr start(const std::string& common_name, const X509* issuer, EVP_PKEY* key, int days) {
  X509Ptr certificate(X509_new());
  if (!certificate) fail("X509_new failed");
  X509_set_version(certificate.get(), X509_VERSION_3);
  BignumPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1 ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get()))) {
    fail("cannot set a serial number");
  }
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), static_cast<long>(days) * 86400);
  X509_NAME* subject = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Baseline tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(certificate.get(), issuer ? X509_get_subject_name(issuer)
                                                 : X509_get_subject_name(certificate.get()));
  if (X509_set_pubkey(certificate.get(), key) != 1) fail("cannot set the public key");
  return certificate;
}

std::string san_value(const std::vector<std::string>& dns_names) {
  if (dns_names.empty()) fail("a leaf needs at least one DNS name");
  std::string value;
  for (const auto& name : dns_names) value += (value.empty() ? "DNS:" : ",DNS:") + name;
  return value;
}

void sign(X509* certificate, EVP_PKEY* issuer_key) {
  if (X509_sign(certificate, issuer_key, EVP_sha256()) <= 0) fail("signing failed");
}

TestCertificate leaf(const std::vector<std::string>& dns_names, const TestCertificate* issuer,
                     KeyKind kind, int days) {
  TestCertificate out;
  out.key = make_key(kind);
  out.certificate = start(dns_names.empty() ? "" : dns_names.front(),
                          issuer ? issuer->certificate.get() : nullptr, out.key.get(), days);
  X509* self = out.certificate.get();
  X509* signer = issuer ? issuer->certificate.get() : self;
  add_extension(self, signer, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(self, signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_extension(self, signer, NID_ext_key_usage, "serverAuth");
  add_extension(self, signer, NID_subject_alt_name, san_value(dns_names).c_str());
  add_extension(self, signer, NID_subject_key_identifier, "hash");
  if (issuer) add_extension(self, signer, NID_authority_key_identifier, "keyid:always");
  sign(self, issuer ? issuer->key.get() : out.key.get());
  return out;
}

}  // namespace

std::vector<std::uint8_t> TestCertificate::der() const {
  const int size = i2d_X509(certificate.get(), nullptr);
  if (size <= 0) fail("cannot encode the certificate");
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  i2d_X509(certificate.get(), &p);
  return out;
}

std::vector<std::uint8_t> TestCertificate::spki_der() const {
  X509_PUBKEY* spki = X509_get_X509_PUBKEY(certificate.get());
  const int size = i2d_X509_PUBKEY(spki, nullptr);
  if (size <= 0) fail("cannot encode the public key");
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  i2d_X509_PUBKEY(spki, &p);
  return out;
}

std::string TestCertificate::pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), certificate.get()) != 1) fail("cannot write PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

TestCertificate make_ca(const std::string& common_name, KeyKind kind) {
  TestCertificate out;
  out.key = make_key(kind);
  out.certificate = start(common_name, nullptr, out.key.get(), 365);
  X509* self = out.certificate.get();
  add_extension(self, self, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(self, self, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(self, self, NID_subject_key_identifier, "hash");
  sign(self, out.key.get());
  return out;
}

TestCertificate make_leaf(const std::vector<std::string>& dns_names, const TestCertificate& issuer,
                          KeyKind kind, int days) {
  return leaf(dns_names, &issuer, kind, days);
}

TestCertificate make_self_signed(const std::vector<std::string>& dns_names, KeyKind kind) {
  return leaf(dns_names, nullptr, kind, 30);
}

TempPemFile::TempPemFile(const std::string& pem) {
  std::string pattern = (std::filesystem::temp_directory_path() / "baseline-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) fail("cannot create a temporary directory");
  directory_ = pattern;
  path_ = directory_ / "certificates.pem";
  std::ofstream out(path_, std::ios::binary);
  out << pem;
  if (!out) fail("cannot write " + path_.string());
}

TempPemFile::~TempPemFile() {
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

}  // namespace baseline::tls::testing
