// SPDX-License-Identifier: Apache-2.0
#include "batch/domain_results.h"

#include <gtest/gtest.h>

#include <fstream>

#include "batch/test_mapping.h"
#include "batch/testing/stored_result.h"

namespace baseline::batch {
namespace {

using testing::StoredResult;

const char* kUrl = "https://baseline.example/test/42";

nlohmann::json test_of(const nlohmann::json& out, const char* name) {
  return out["results"]["tests"][name];
}

TEST(DomainResults, NotAStoredResultIsStatusErrorAndNothingElse) {
  EXPECT_EQ(domain_results(nullptr, RequestType::kWeb, kUrl),
            nlohmann::json({{"status", "error"}}));
  EXPECT_EQ(domain_results({{"schema", "other"}}, RequestType::kWeb, kUrl),
            nlohmann::json({{"status", "error"}}));
  EXPECT_EQ(domain_results(nlohmann::json::array(), RequestType::kMail, kUrl),
            nlohmann::json({{"status", "error"}}));
}

TEST(DomainResults, WorstVerdictOverEveryAddressDecidesTheTest) {
  StoredResult r("example.nl");
  r.add("web.tls.version", "192.0.2.1:443", "pass", {{"accepted", {"TLSv1.2", "TLSv1.3"}}})
      .add("web.tls.version", "[2001:db8::1]:443", "fail", {{"accepted", {"TLSv1.0", "TLSv1.2"}}})
      .add("web.tls.ciphers", "192.0.2.1:443", "pass")
      .add("web.tls.ciphers", "[2001:db8::1]:443", "warn")
      .add("web.https.available", "192.0.2.1:443", "pass")
      .add("web.https.available", "[2001:db8::1]:443", "error", {}, "address not public");
  auto out = domain_results(r.json(), RequestType::kWeb, kUrl);
  EXPECT_EQ(out["status"], "ok");
  EXPECT_EQ(out["report"]["url"], kUrl);
  EXPECT_EQ(test_of(out, "web_https_tls_version"),
            nlohmann::json({{"status", "failed"}, {"verdict", "bad"}}));
  EXPECT_EQ(test_of(out, "web_https_tls_ciphers"),
            nlohmann::json({{"status", "warning"}, {"verdict", "phase-out"}}));
  EXPECT_EQ(test_of(out, "web_https_http_available"),
            nlohmann::json({{"status", "error"}, {"verdict", "detail verdict could-not-test"}}));
  // Tests whose checks did not run, and tests Baseline lacks, are not_tested.
  EXPECT_EQ(test_of(out, "web_https_http_compress"),
            nlohmann::json({{"status", "not_tested"}, {"verdict", "detail verdict not-tested"}}));
  EXPECT_EQ(test_of(out, "web_dnssec_exist")["status"], "not_tested");
  EXPECT_EQ(out["results"]["custom"]["tls_1_3_support"], "no");
  // Only the request type's tests and categories are reported.
  EXPECT_EQ(out["results"]["tests"].size(), tests_of(RequestType::kWeb).size());
  EXPECT_FALSE(out["results"]["categories"].contains("mail_auth"));
  EXPECT_FALSE(out["results"]["custom"].contains("mail_non_sending_domain"));
}

TEST(DomainResults, FailureShowsByTheTestsLevel) {
  StoredResult r("example.nl");
  r.add("web.headers.csp", "192.0.2.1:443", "fail")           // recommended
      .add("web.tls.ocsp_stapling", "192.0.2.1:443", "fail")  // optional
      .add("web.dane.exists", "example.nl", "info")
      .add("web.tls.cipher_order", "192.0.2.1:443", "not_applicable")
      .add("web.headers.x_frame_options", "192.0.2.1:443", "warn")  // a finding, not a phase-out
      .add("web.cert.pubkey", "192.0.2.1:443", "warn");             // RSA 2048: phase-out
  auto out = domain_results(r.json(), RequestType::kWeb, kUrl);
  EXPECT_EQ(test_of(out, "web_appsecpriv_csp"),
            nlohmann::json({{"status", "warning"}, {"verdict", "bad"}}));
  EXPECT_EQ(test_of(out, "web_https_tls_ocsp"),
            nlohmann::json({{"status", "info"}, {"verdict", "bad"}}));
  EXPECT_EQ(test_of(out, "web_https_dane_exist")["status"], "info");
  EXPECT_EQ(test_of(out, "web_appsecpriv_x_frame_options"),
            nlohmann::json({{"status", "warning"}, {"verdict", "bad"}}));
  EXPECT_EQ(test_of(out, "web_https_cert_pubkey"),
            nlohmann::json({{"status", "warning"}, {"verdict", "phase-out"}}));
  EXPECT_EQ(test_of(out, "web_https_tls_cipherorder"),
            nlohmann::json({{"status", "not_tested"}, {"verdict", "not-applicable"}}));
}

TEST(DomainResults, ScoringIsTheMeanOfCategoriesWithMandatoryTests) {
  StoredResult r("example.nl");
  // web_dnssec: 1 of 2 required passed = 50.
  r.add("dns.dnssec.signed", "example.nl", "pass").add("dns.dnssec.valid", "example.nl", "fail");
  // web_ipv6: ns_address pass, ns_reach pass, ws_address warn (counts as passed), ws_reach
  // fail; same_site (recommended) not counted = 3 of 4 = 75.
  r.add("dns.ns.ipv6", "example.nl", "pass")
      .add("dns.ns.ipv6_reach", "[2001:db8::53]:53", "pass")
      .add("web.ipv6.address", "example.nl", "warn")
      .add("web.ipv6.reach", "example.nl", "fail")
      .add("web.ipv6.same_site", "example.nl", "fail");
  // web_appsecpriv has only recommended tests: no percentage of its own.
  r.add("web.headers.csp", "192.0.2.1:443", "pass");
  // web_rpki: only not_applicable: nothing counted, left out.
  r.add("web.rpki.exists", "example.nl", "not_applicable");
  auto out = domain_results(r.json(), RequestType::kWeb, kUrl);
  EXPECT_EQ(out["scoring"]["percentage"], 63);  // (50 + 75) / 2 = 62.5, rounded half up
  EXPECT_EQ(out["results"]["categories"]["web_dnssec"],
            nlohmann::json({{"status", "failed"}, {"verdict", "failed"}}));
  EXPECT_EQ(out["results"]["categories"]["web_appsecpriv"]["status"], "passed");
  EXPECT_EQ(out["results"]["categories"]["web_rpki"]["status"], "not_tested");
  EXPECT_EQ(out["results"]["categories"]["web_ipv6"]["status"], "failed");
}

TEST(DomainResults, NoMandatoryTestJudgedMeansNoPercentageRatherThanZero) {
  StoredResult r("example.nl");
  r.add("web.headers.csp", "192.0.2.1:443", "pass");
  auto out = domain_results(r.json(), RequestType::kWeb, kUrl);
  EXPECT_TRUE(out["scoring"]["percentage"].is_null());
}

TEST(DomainResults, CategoryStatusPrecedence) {
  EXPECT_EQ(category_status({"passed", "warning", "failed"}), "failed");
  EXPECT_EQ(category_status({"passed", "error", "failed"}), "error");
  EXPECT_EQ(category_status({"passed", "info"}), "info");
  EXPECT_EQ(category_status({"passed"}), "passed");
  EXPECT_EQ(category_status({}), "not_tested");
}

TEST(DomainResults, MailFiltersRoutingByRoleAndReadsSignedFromTheDnssecState) {
  StoredResult r("example.nl", "example.nl");
  nlohmann::json mx_use = {
      {"hosts", {{{"host", "mx.example.nl"}, {"role", "MX host (preference 10)"}}}}};
  nlohmann::json ns_use = {
      {"hosts",
       {{{"host", "ns.mx-dns.example"}, {"role", "name server of MX zone mx-dns.example"}}}}};
  r.add("mail.rpki.exists", "192.0.2.25", "pass", mx_use)
      .add("mail.rpki.exists", "198.51.100.53", "fail", ns_use)
      .add("mail.dnssec.mx", "mx.example.nl", "fail", {{"dnssec", "bogus"}})
      .add("mail.dnssec.mx", "mx2.example.nl", "pass", {{"dnssec", "secure"}});
  auto out = domain_results(r.json(), RequestType::kMail, kUrl);
  EXPECT_EQ(test_of(out, "mail_rpki_exists")["status"], "passed");
  EXPECT_EQ(test_of(out, "mail_mx_ns_rpki_exists")["status"], "failed");
  EXPECT_EQ(test_of(out, "mail_rpki_valid")["status"], "not_tested");
  EXPECT_EQ(test_of(out, "mail_dnssec_mx_exist")["status"], "passed");  // bogus is signed
  EXPECT_EQ(test_of(out, "mail_dnssec_mx_valid")["status"], "failed");

  StoredResult insecure("example.nl");
  insecure.add("mail.dnssec.mx", "mx.example.nl", "fail", {{"dnssec", "insecure"}});
  EXPECT_EQ(test_of(domain_results(insecure.json(), RequestType::kMail, kUrl),
                    "mail_dnssec_mx_exist")["status"],
            "failed");
}

TEST(DomainResults, MailCustomResults) {
  StoredResult r("example.nl");
  r.add("mail.mx", "example.nl", "info", {{"hosts", {{{"name", "mx.example.nl"}}}}})
      .add("mail.starttls", "192.0.2.25:25", "pass", {{"host", "mx.example.nl"}})
      .add("mail.starttls", "[2001:db8::25]:25", "error",
           {{"host", "mx.example.nl"}, {"reached", false}}, "cannot connect to TCP 25: timeout")
      .add("mail.dkim", "example.nl", "pass")
      .add("mail.tls.version", "192.0.2.25:25", "pass", {{"accepted", {"TLSv1.2", "TLSv1.3"}}});
  auto custom = domain_results(r.json(), RequestType::kMail, kUrl)["results"]["custom"];
  EXPECT_EQ(custom["mail_non_sending_domain"], false);
  EXPECT_EQ(custom["mail_servers_testable_status"], "untestable");
  EXPECT_EQ(custom["tls_1_3_support"], "yes");

  StoredResult null_mx("example.nl");
  null_mx.add("mail.mx", "example.nl", "info", {{"hosts", nlohmann::json::array()}})
      .add("mail.dkim", "example.nl", "not_applicable");
  custom = domain_results(null_mx.json(), RequestType::kMail, kUrl)["results"]["custom"];
  EXPECT_EQ(custom["mail_servers_testable_status"], "no_mx");
  EXPECT_EQ(custom["mail_non_sending_domain"], true);
  EXPECT_EQ(custom["tls_1_3_support"], "undetermined");

  StoredResult unreachable("example.nl");
  unreachable.add("mail.mx", "example.nl", "info", {{"hosts", {{{"name", "mx.example.nl"}}}}})
      .add("mail.starttls", "192.0.2.25:25", "error", {{"reached", false}},
           "cannot connect to TCP 25: refused");
  custom = domain_results(unreachable.json(), RequestType::kMail, kUrl)["results"]["custom"];
  EXPECT_EQ(custom["mail_servers_testable_status"], "unreachable");
  EXPECT_FALSE(custom.contains("mail_non_sending_domain"));  // DKIM not run: not known

  // Reached (a connection was made) decides, not the wording of the summary.
  StoredResult reached("example.nl");
  reached.add("mail.mx", "example.nl", "info", {{"hosts", {{{"name", "mx.example.nl"}}}}})
      .add("mail.starttls", "192.0.2.25:25", "error", {{"reached", true}},
           "cannot connect to TCP 25: the server closed the connection");
  custom = domain_results(reached.json(), RequestType::kMail, kUrl)["results"]["custom"];
  EXPECT_EQ(custom["mail_servers_testable_status"], "untestable");
}

TEST(DomainResults, DomainKeyIsTheUnicodeName) {
  StoredResult r("nic.xn--czr694b", "nic.商标");
  EXPECT_EQ(domain_key(r.json(), "nic.xn--czr694b"), "nic.商标");
  EXPECT_EQ(domain_key(nullptr, "nic.xn--czr694b"), "nic.商标");  // a failed test has no result
  EXPECT_EQ(domain_key(nullptr, "example.nl"), "example.nl");
}

}  // namespace
}  // namespace baseline::batch

namespace baseline::batch {
namespace {

nlohmann::json load_stored(const char* name) {
  std::ifstream in(std::string(BASELINE_BATCH_TESTDATA) + "/" + name);
  return nlohmann::json::parse(in);
}

// Written by `baseline test --json` itself: every check could not run.
TEST(DomainResults, RealResultWhereNothingCouldBeTested) {
  const auto stored = load_stored("unreachable_resolver.json");
  for (auto type : {RequestType::kWeb, RequestType::kMail}) {
    const auto out = domain_results(stored, type, kUrl);
    ASSERT_EQ(out["status"], "ok");
    for (const auto& [name, test] : out["results"]["tests"].items()) {
      const auto* mapping = find_test(name);
      ASSERT_NE(mapping, nullptr) << name;
      // Never a pass invented from errors: an error, or not tested.
      EXPECT_TRUE(test["status"] == "error" || test["status"] == "not_tested") << name << test;
      if (mapping->checks.empty()) {
        EXPECT_EQ(test["status"], "not_tested") << name;
      }
    }
    for (const auto& [name, category] : out["results"]["categories"].items()) {
      EXPECT_EQ(category["status"], "error") << name;
    }
    EXPECT_EQ(out["scoring"]["percentage"], 0);  // errors count as not passed
    EXPECT_EQ(out["results"]["custom"]["tls_1_3_support"], "undetermined");
  }
}

}  // namespace
}  // namespace baseline::batch
