// SPDX-License-Identifier: Apache-2.0
#include "tls/trust_store.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace baseline::tls {
namespace {

// A root of the system store, read from its hash link (NNNNNNNN.0), or null when there is none.
X509* a_system_root() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(X509_get_default_cert_dir(), ec)) {
    const auto name = entry.path().filename().string();
    if (name.size() != 10 || !name.ends_with(".0")) continue;
    std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(entry.path().c_str(), "r"),
                                                       &std::fclose);
    if (!file) continue;
    if (X509* cert = PEM_read_X509(file.get(), nullptr, nullptr, nullptr)) return cert;
  }
  return nullptr;
}

TEST(TrustStore, FindsASystemRootBySubjectAndRejectsAStranger) {
  std::unique_ptr<X509, decltype(&X509_free)> root(a_system_root(), &X509_free);
  if (!root) GTEST_SKIP() << "no hashed system CA directory on this machine";
  auto store = shared_trust_store("");
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      &X509_STORE_CTX_free);
  ASSERT_EQ(X509_STORE_CTX_init(ctx.get(), store.get(), root.get(), nullptr), 1);
  EXPECT_EQ(X509_verify_cert(ctx.get()), 1)
      << X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));

  // A self-signed certificate of our own is found nowhere in the store.
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> stranger(X509_new(), &X509_free);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(stranger.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("stranger"), -1, -1, 0);
  X509_set_issuer_name(stranger.get(), X509_get_subject_name(stranger.get()));
  X509_gmtime_adj(X509_getm_notBefore(stranger.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(stranger.get()), 3600);
  X509_set_pubkey(stranger.get(), key.get());
  ASSERT_GT(X509_sign(stranger.get(), key.get(), EVP_sha256()), 0);
  ASSERT_EQ(X509_STORE_CTX_init(ctx.get(), store.get(), stranger.get(), nullptr), 1);
  EXPECT_NE(X509_verify_cert(ctx.get()), 1);
}

}  // namespace
}  // namespace baseline::tls
