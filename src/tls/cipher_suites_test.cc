// SPDX-License-Identifier: Apache-2.0
#include "tls/cipher_suites.h"

#include <gtest/gtest.h>

#include <set>

#include "tls/groups.h"
#include "tls/guideline.h"

namespace baseline::tls {
namespace {

// The NCSC-NL 2025-05 classes (checks.md), now read from catalog/tls-guidelines/.
SuiteClass classify_name(std::string_view name) {
  return active_guideline().suite_class(name);
}
SuiteClass classify(const CipherSuite& suite) {
  return classify_name(suite.name);
}

TEST(CipherSuites, Tls13Classes) {
  EXPECT_EQ(classify_name("TLS_AES_256_GCM_SHA384"), SuiteClass::kGood);
  EXPECT_EQ(classify_name("TLS_CHACHA20_POLY1305_SHA256"), SuiteClass::kGood);
  EXPECT_EQ(classify_name("TLS_AES_128_GCM_SHA256"), SuiteClass::kSufficient);
  EXPECT_EQ(classify_name("TLS_AES_128_CCM_SHA256"), SuiteClass::kSufficient);
  EXPECT_EQ(classify_name("TLS_AES_128_CCM_8_SHA256"), SuiteClass::kInsufficient);
}

TEST(CipherSuites, Tls12ClassesFollowNcsc) {
  EXPECT_EQ(classify_name("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), SuiteClass::kSufficient);
  EXPECT_EQ(classify_name("TLS_ECDHE_ECDSA_WITH_AES_128_CCM"), SuiteClass::kSufficient);
  EXPECT_EQ(classify_name("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), SuiteClass::kSufficient);
  // ECDHE-RSA with CCM is not in the sufficient list.
  EXPECT_EQ(classify_name("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"), SuiteClass::kPhaseOut);
  EXPECT_EQ(classify_name("TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384"), SuiteClass::kPhaseOut);
  EXPECT_EQ(classify_name("TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"), SuiteClass::kPhaseOut);
  EXPECT_EQ(classify_name("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"), SuiteClass::kPhaseOut);
  EXPECT_EQ(classify_name("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"), SuiteClass::kPhaseOut);
  EXPECT_EQ(classify_name("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), SuiteClass::kPhaseOut);
  EXPECT_EQ(classify_name("TLS_DHE_RSA_WITH_AES_128_CCM_8"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_DHE_RSA_WITH_AES_128_CBC_SHA"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_RSA_WITH_AES_256_GCM_SHA384"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_RSA_WITH_3DES_EDE_CBC_SHA"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_DH_anon_WITH_AES_256_GCM_SHA384"), SuiteClass::kInsufficient);
  EXPECT_EQ(classify_name("TLS_ECDHE_ECDSA_WITH_NULL_SHA"), SuiteClass::kInsufficient);
}

TEST(CipherSuites, TableHasUniqueIdsAndEveryNcscClass) {
  std::set<std::uint16_t> ids;
  std::set<SuiteClass> classes;
  for (const auto& s : all_suites()) {
    EXPECT_TRUE(ids.insert(s.id).second) << s.name;
    classes.insert(classify(s));
  }
  EXPECT_EQ(classes.size(), 4u);
  EXPECT_GT(ids.size(), 120u);
  EXPECT_EQ(find_suite(0xc02f)->name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
}

TEST(Groups, Grading) {
  const auto& g = active_guideline();
  EXPECT_EQ(g.group_class(group_name(0x001d)), SuiteClass::kGood);
  EXPECT_EQ(g.group_class(group_name(0x0015)), SuiteClass::kPhaseOut);
  EXPECT_EQ(g.group_class(group_name(0x0100)), SuiteClass::kInsufficient);
  EXPECT_EQ(g.group_class(group_name(0x0101)), SuiteClass::kPhaseOut);
  EXPECT_EQ(g.group_class(group_name(0x7777)), SuiteClass::kInsufficient);
  EXPECT_EQ(group_name(kX25519MlKem768), "X25519MLKEM768");
  EXPECT_EQ(group_name(0x7777), "0x7777");
}

}  // namespace
}  // namespace baseline::tls
