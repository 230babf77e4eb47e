// SPDX-License-Identifier: Apache-2.0
#include "batch/technical_results.h"

#include <gtest/gtest.h>

#include <fstream>

#include "batch/testing/stored_result.h"

namespace baseline::batch {
namespace {

using json = nlohmann::json;
using testing::StoredResult;

TEST(TechnicalResults, AddressOfTarget) {
  EXPECT_EQ(address_of_target("192.0.2.1:443"), "192.0.2.1");
  EXPECT_EQ(address_of_target("[2001:db8::1]:25"), "2001:db8::1");
  EXPECT_EQ(address_of_target("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(address_of_target("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(address_of_target("example.nl"), "example.nl");
  EXPECT_EQ(address_of_target("[broken"), "");
}

TEST(TechnicalResults, NotAStoredResultIsStatusError) {
  EXPECT_EQ(technical_results(json(nullptr), RequestType::kWeb), json({{"status", "error"}}));
}

StoredResult web_domain() {
  StoredResult r("example.nl");
  json ns1 = {{"name", "ns1.example.nl"}, {"ipv6", {"2001:db8::53"}}};
  r.add("dns.dnssec.valid", "example.nl", "pass", {{"state", "secure"}})
      .add("dns.ns.ipv6", "example.nl", "fail", {{"name_servers", {ns1}}})
      .add("dns.ns.ipv4_reach", "192.0.2.53:53", "pass", {{"name_server", "ns1.example.nl"}})
      .add("dns.ns.ipv6_reach", "[2001:db8::53]:53", "fail", {{"name_server", "ns1.example.nl"}})
      .add("dns.rpki.valid", "192.0.2.53", "fail",
           {{"route", "192.0.2.0/24"},
            {"validations",
             {{{"origin", "AS64500"},
               {"validity", "invalid"},
               {"reason", "origin AS64500 is not authorised"}}}},
            {"hosts", {{{"host", "ns1.example.nl"}, {"role", "name server of example.nl"}}}}})
      .add("web.https.available", "192.0.2.1:443", "pass", {{"host", "example.nl"}})
      .add("web.https.available", "192.0.2.2:443", "fail", {{"host", "example.nl"}})
      .add("web.https.available", "[2001:db8::1]:443", "pass", {{"host", "example.nl"}})
      .add("web.https.available", "192.0.2.9:443", "pass", {{"host", "www.example.nl"}})
      .add("web.tls.version", "192.0.2.1:443", "fail",
           {{"accepted", {"TLSv1.1", "TLSv1.2"}}, {"host", "example.nl"}})
      .add("web.hsts", "192.0.2.1:443", "pass",
           {{"header", "max-age=31536000"}, {"host", "example.nl"}})
      .add("web.rpki.valid", "192.0.2.1", "pass",
           {{"route", "192.0.2.0/24"},
            {"validations", {{{"origin", "AS64501"}, {"validity", "valid"}, {"reason", ""}}}}})
      .add("web.rpki.valid", "2001:db8::1", "not_applicable", {{"hosts", json::array()}})
      .add("web.ipv6.same_site", "example.nl", "warn");
  return r;
}

TEST(TechnicalResults, WebDomainNameServersAndEveryWebAddress) {
  const auto out = technical_results(web_domain().json(), RequestType::kWeb);
  EXPECT_EQ(out["status"], "ok");
  EXPECT_EQ(out["domain"]["dnssec"]["status"], "secure");

  const auto& ns = out["nameservers"]["ns1.example.nl"];
  ASSERT_EQ(ns["ipv4"]["addresses"].size(), 1u);
  const auto& v4 = ns["ipv4"]["addresses"][0];
  EXPECT_EQ(v4["address"], "192.0.2.53");
  EXPECT_EQ(v4["reachable"], true);
  EXPECT_EQ(v4["routing"], json::parse(R"j([{"origin":"AS64500","route":"192.0.2.0/24",
    "rov_state":"invalid (origin AS64500 is not authorised)"}])j"));
  EXPECT_EQ(ns["ipv6"]["addresses"][0]["address"], "2001:db8::53");
  EXPECT_EQ(ns["ipv6"]["addresses"][0]["reachable"], false);
  EXPECT_FALSE(ns["ipv6"]["addresses"][0].contains("routing"));  // not measured: left out

  const auto& web4 = out["webservers"]["ipv4"];
  ASSERT_EQ(web4["addresses"].size(), 2u);
  EXPECT_EQ(web4["tested_address"], "192.0.2.1");
  EXPECT_EQ(web4["server_reachable"], true);
  EXPECT_EQ(web4["https_enabled"], true);
  EXPECT_EQ(web4["addresses"][0]["routing"][0]["rov_state"], "valid");
  EXPECT_EQ(web4["addresses"][1]["reachable"], false);
  EXPECT_EQ(web4["details"]["protocols_bad"], json({"TLSv1.1"}));
  EXPECT_EQ(web4["details"]["hsts"], true);
  EXPECT_EQ(web4["details"]["hsts_policies"], json({"max-age=31536000"}));
  EXPECT_FALSE(web4["details"].contains("caa_enabled"));  // dns.caa did not run
  // Baseline's own results ride along with each address.
  EXPECT_FALSE(web4["addresses"][0]["baseline_checks"].empty());

  const auto& web6 = out["webservers"]["ipv6"];
  EXPECT_EQ(web6["addresses"][0]["routing"], json::array());  // not announced
  EXPECT_EQ(out["webservers"]["ip_similarity"], false);       // same_site warn
  EXPECT_EQ(out["webservers"]["baseline_www"]["ipv4"]["addresses"][0]["address"], "192.0.2.9");
}

TEST(TechnicalResults, UnreachableWebServerHasNoDetails) {
  StoredResult r("example.nl");
  r.add("web.https.available", "192.0.2.2:443", "fail", {{"host", "example.nl"}});
  const auto out = technical_results(r.json(), RequestType::kWeb);
  EXPECT_EQ(out["webservers"]["ipv4"]["server_reachable"], false);
  EXPECT_FALSE(out["webservers"]["ipv4"].contains("details"));
  EXPECT_EQ(out["webservers"]["ipv6"], json({{"addresses", json::array()}}));
  EXPECT_FALSE(out["webservers"].contains("ip_similarity"));
  EXPECT_FALSE(out["domain"].contains("dnssec"));
  EXPECT_EQ(out["domain"]["baseline_checks"], json::array());
}

TEST(TechnicalResults, MailDomainRecordsAndReceivingServers) {
  StoredResult r("example.nl");
  json mx_host = {{"name", "mx.example.nl"},
                  {"preference", 10},
                  {"ipv4", {"192.0.2.25"}},
                  {"ipv6", {"2001:db8::25"}},
                  {"dnssec", "secure"}};
  r.add("dns.dnssec.valid", "example.nl", "fail", {{"state", "insecure"}})
      .add("mail.mx", "example.nl", "info", {{"hosts", {mx_host}}})
      .add("mail.dkim", "example.nl", "pass", {{"domainkey_node", true}})
      .add("mail.dmarc", "example.nl", "pass",
           {{"record", "v=DMARC1; p=reject"}, {"found_at", "_dmarc.example.nl"}})
      .add("mail.dmarc.policy", "example.nl", "pass", {{"policy", "reject"}})
      .add("mail.spf", "example.nl", "pass", {{"record", "v=spf1 mx ?all"}})
      .add("mail.spf.policy", "example.nl", "fail",
           {{"result_for_unauthorised_sender", "neutral"}, {"dns_querying_terms", 1}})
      .add("mail.starttls", "192.0.2.25:25", "pass", {{"host", "mx.example.nl"}})
      .add("mail.starttls", "[2001:db8::25]:25", "error",
           {{"host", "mx.example.nl"}, {"reached", false}}, "cannot connect to TCP 25: timeout")
      .add("mail.tls.version", "192.0.2.25:25", "pass",
           {{"accepted", {"TLSv1.2", "TLSv1.3"}}, {"host", "mx.example.nl"}})
      .add("mail.dane.rollover", "mx.example.nl", "info", {{"host", "mx.example.nl"}})
      .add("mail.rpki.valid", "198.51.100.53", "pass",
           {{"route", "198.51.100.0/24"},
            {"validations", {{{"origin", "AS64502"}, {"validity", "valid"}}}},
            {"hosts",
             {{{"host", "ns.mxdns.example"}, {"role", "name server of MX zone mxdns.example"}}}}})
      .add("mail.rpki.exists", "198.51.100.53", "pass",
           {{"hosts",
             {{{"host", "ns.mxdns.example"}, {"role", "name server of MX zone mxdns.example"}}}}});
  r.add("mail.mta_sts", "example.nl", "warn", {{"mode", "testing"}})
      .add("mail.tls_rpt", "example.nl", "info")
      .add("dns.dnssec.algorithms", "example.nl", "pass")
      .add("web.cert.expiry", "192.0.2.1:443", "pass");  // a web check: not in a mail reply
  const auto out = technical_results(r.json(), RequestType::kMail);
  const auto& domain = out["domain"];
  // What Baseline tests beyond Internet.nl is carried here, with its details.
  ASSERT_EQ(domain["baseline_checks"].size(), 4u);
  EXPECT_EQ(domain["baseline_checks"][0]["id"], "dns.dnssec.algorithms");
  EXPECT_EQ(domain["baseline_checks"][1]["id"], "mail.mx");
  EXPECT_EQ(domain["baseline_checks"][2]["id"], "mail.mta_sts");
  EXPECT_EQ(domain["baseline_checks"][2]["details"]["mode"], "testing");
  EXPECT_EQ(domain["baseline_checks"][3]["id"], "mail.tls_rpt");
  EXPECT_EQ(domain["dnssec"]["status"], "insecure");
  EXPECT_EQ(domain["dkim"]["discovered"], true);
  EXPECT_EQ(domain["dmarc"]["records"], json({"v=DMARC1; p=reject"}));
  EXPECT_TRUE(domain["dmarc"]["record_org_domain"].is_null());
  EXPECT_EQ(domain["dmarc"]["policy_status"], "valid");
  EXPECT_EQ(domain["spf"]["records"], json({"v=spf1 mx ?all"}));
  EXPECT_EQ(domain["spf"]["policy_status"], "invalid_all");

  const auto& mx = out["receiving_mailservers"]["mx.example.nl"];
  EXPECT_EQ(mx["addresses"]["ipv4"][0]["address"], "192.0.2.25");
  EXPECT_EQ(mx["addresses"]["ipv4"][0]["reachable"], true);
  EXPECT_EQ(mx["addresses"]["ipv6"][0]["reachable"], false);
  EXPECT_EQ(mx["dnssec"]["status"], "secure");
  EXPECT_EQ(mx["server_reachable"], true);
  EXPECT_EQ(mx["starttls_enabled"], true);
  EXPECT_EQ(mx["server_testable"], false);
  EXPECT_EQ(mx["details"]["protocols_bad"], json::array());
  EXPECT_EQ(mx["details"]["dane_rollover"], false);

  const auto& mx_ns = out["mx_nameservers"]["ns.mxdns.example"];
  EXPECT_EQ(mx_ns["ipv4"]["addresses"][0]["routing"][0]["rov_state"], "valid");
  EXPECT_TRUE(out["nameservers"].empty());
}

TEST(TechnicalResults, DmarcFromTheOrganisationalDomainAndSpfSyntax) {
  StoredResult r("mail.example.nl");
  r.add("mail.dmarc", "mail.example.nl", "pass",
        {{"record", "v=DMARC1; p=none"}, {"found_at", "_dmarc.example.nl"}})
      .add("mail.dmarc.policy", "mail.example.nl", "fail", {{"policy", "none"}})
      .add("mail.spf", "mail.example.nl", "fail", {{"record", "v=spf1 foo"}});
  const auto domain = technical_results(r.json(), RequestType::kMail)["domain"];
  EXPECT_EQ(domain["dmarc"]["record_org_domain"], "example.nl");
  EXPECT_EQ(domain["dmarc"]["policy_status"], "invalid_p_sp");
  EXPECT_EQ(domain["spf"]["policy_status"], "invalid_syntax");
  EXPECT_FALSE(domain.contains("dkim"));
}

}  // namespace
}  // namespace baseline::batch

namespace baseline::batch {
namespace {

TEST(TechnicalResults, RealResultWhereNothingCouldBeTested) {
  std::ifstream in(std::string(BASELINE_BATCH_TESTDATA) + "/unreachable_resolver.json");
  const auto stored = json::parse(in);
  const auto web = technical_results(stored, RequestType::kWeb);
  EXPECT_EQ(web["status"], "ok");
  EXPECT_EQ(web["domain"]["dnssec"]["status"], "error");  // the validator gave no answer
  EXPECT_EQ(web["nameservers"], json::object());          // none found: none invented
  EXPECT_EQ(web["webservers"]["ipv4"]["addresses"], json::array());
  const auto mail = technical_results(stored, RequestType::kMail);
  EXPECT_EQ(mail["receiving_mailservers"], json::object());
  EXPECT_FALSE(mail["domain"].contains("dkim"));
  (void)mail.dump();
}

}  // namespace
}  // namespace baseline::batch
