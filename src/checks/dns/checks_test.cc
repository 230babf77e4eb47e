// SPDX-License-Identifier: Apache-2.0
// Unit tests of the dns.* checks against a fake resolver and fake name servers on loopback.
#include <gtest/gtest.h>

#include "checks/dns/dns_family.h"
#include "checks/dns/dnssec_checks.h"
#include "checks/domain_facts.h"
#include "dns/testing/fake_dns_server.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks {
namespace {
namespace t = dns::testing;
namespace rr_type = dns::rr_type;
using core::Verdict;
using dns::Security;

constexpr const char* kZone = "example.lab";

class DnsChecksTest : public ::testing::Test {
 protected:
  DnsChecksTest() : servers_(t::dual_stack_dns_servers(io_, t::ServerMode::kAnswer)) {
    sign_zone(13, {t::ds(kZone, 1, 13, 2)});
    resolver_.add(kZone, rr_type::kSoa,
                  t::answer(kZone, rr_type::kSoa, {t::soa(kZone)}, {}, 0, Security::kSecure), true);
    resolver_.add(kZone, rr_type::kNs,
                  t::answer(kZone, rr_type::kNs,
                            {t::ns(kZone, "ns1.example.lab"), t::ns(kZone, "ns2.example.lab")}));
    for (auto host : {"ns1.example.lab", "ns2.example.lab"}) {
      resolver_.add(host, rr_type::kA, t::answer(host, rr_type::kA, {t::a(host, "127.0.0.1")}));
      resolver_.add(host, rr_type::kAaaa, t::answer(host, rr_type::kAaaa, {t::a(host, "::1")}));
    }
    const std::string absent = std::string("baseline-probe-absent-name.") + kZone;
    resolver_.add(absent, rr_type::kA,
                  t::answer(absent, rr_type::kA, {}, {t::nsec(kZone, "www.example.lab")}, 3));
    resolver_.add(kZone, rr_type::kCaa,
                  t::answer(kZone, rr_type::kCaa,
                            {t::caa(kZone, 0, "issue", "ca.lab"),
                             t::caa(kZone, 0, "iodef", "mailto:sec@example.lab")}));
  }

  void sign_zone(std::uint8_t algorithm, std::vector<dns::ResourceRecord> ds,
                 std::vector<std::uint8_t> key = std::vector<std::uint8_t>(64, 7)) {
    resolver_.add(
        kZone, rr_type::kSoa,
        t::answer(kZone, rr_type::kSoa, {t::soa(kZone), t::rrsig(kZone, rr_type::kSoa, kZone)}));
    resolver_.add(kZone, rr_type::kDnskey,
                  t::answer(kZone, rr_type::kDnskey,
                            {t::dnskey(kZone, 257, algorithm, key),
                             t::rrsig(kZone, rr_type::kDnskey, kZone)}));
    resolver_.add(kZone, rr_type::kDs, t::answer(kZone, rr_type::kDs, std::move(ds)));
  }

  void unsign_zone() {
    resolver_.add(kZone, rr_type::kSoa, t::answer(kZone, rr_type::kSoa, {t::soa(kZone)}));
    resolver_.add(kZone, rr_type::kSoa,
                  t::answer(kZone, rr_type::kSoa, {t::soa(kZone)}, {}, 0, Security::kInsecure),
                  true);
    resolver_.add(kZone, rr_type::kDnskey, t::answer(kZone, rr_type::kDnskey, {}));
    resolver_.add(kZone, rr_type::kDs, t::answer(kZone, rr_type::kDs, {}));
  }

  std::vector<core::CheckResult> run_checks(bool allow_private = true) {
    auto domain = core::DomainName::parse(kZone);
    CheckContext context{*domain, resolver_, core::AddressGuard(allow_private),
                         std::chrono::milliseconds(300)};
    context.dns_port = servers_.v4->port();
    DomainFacts facts(context);
    return t::run(io_, run_dns_checks(context, facts));
  }

  static Verdict verdict(const std::vector<core::CheckResult>& results, std::string_view id) {
    auto v = core::worst_verdict(results, id);
    EXPECT_TRUE(v.has_value()) << "no result for " << id;
    return v.value_or(Verdict::kError);
  }
  static std::string summary(const std::vector<core::CheckResult>& results, std::string_view id) {
    for (const auto& r : results) {
      if (r.id == id) return r.summary;
    }
    return "";
  }

  boost::asio::io_context io_;
  t::DualStackDnsServers servers_;
  t::FakeResolver resolver_;
};

TEST_F(DnsChecksTest, SecureWellRunZonePassesEveryCheck) {
  auto results = run_checks();
  for (const auto* id :
       {"dns.dnssec.signed", "dns.dnssec.valid", "dns.dnssec.algorithms", "dns.dnssec.nsec3",
        "dns.ns.ipv6", "dns.ns.ipv6_reach", "dns.ns.ipv4_reach", "dns.caa"}) {
    EXPECT_EQ(verdict(results, id), Verdict::kPass) << id << ": " << summary(results, id);
  }
  // One result per name server address for the reachability checks.
  EXPECT_EQ(std::count_if(results.begin(), results.end(),
                          [](const auto& r) { return r.id == "dns.ns.ipv6_reach"; }),
            2);
}

TEST_F(DnsChecksTest, UnsignedZoneFailsSignedAndValidAndSkipsTheRest) {
  unsign_zone();
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.dnssec.signed"), Verdict::kFail);
  EXPECT_EQ(verdict(results, "dns.dnssec.valid"), Verdict::kFail);
  EXPECT_EQ(verdict(results, "dns.dnssec.algorithms"), Verdict::kNotApplicable);
  EXPECT_EQ(verdict(results, "dns.dnssec.nsec3"), Verdict::kNotApplicable);
}

TEST_F(DnsChecksTest, BogusZoneFailsValidWithTheValidatorsReason) {
  auto bogus = t::answer(kZone, rr_type::kSoa, {}, {}, dns::rcode::kServFail, Security::kBogus);
  bogus.why_bogus = "signature expired";
  resolver_.add(kZone, rr_type::kSoa, bogus, true);
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.dnssec.signed"), Verdict::kPass);
  EXPECT_EQ(verdict(results, "dns.dnssec.valid"), Verdict::kFail);
  EXPECT_NE(summary(results, "dns.dnssec.valid").find("signature expired"), std::string::npos);
}

TEST_F(DnsChecksTest, DeprecatedAlgorithmFails) {
  sign_zone(5, {t::ds(kZone, 1, 5, 2)}, t::rsa_key(2048));
  EXPECT_EQ(verdict(run_checks(), "dns.dnssec.algorithms"), Verdict::kFail);
}

TEST_F(DnsChecksTest, ShortRsaKeyWarns) {
  sign_zone(8, {t::ds(kZone, 1, 8, 2)}, t::rsa_key(1024));
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.dnssec.algorithms"), Verdict::kWarn);
  EXPECT_NE(summary(results, "dns.dnssec.algorithms").find("1024 bits"), std::string::npos);
}

TEST_F(DnsChecksTest, Sha1OnlyDsFailsAndSha1BesideSha256Warns) {
  sign_zone(13, {t::ds(kZone, 1, 13, 1)});
  EXPECT_EQ(verdict(run_checks(), "dns.dnssec.algorithms"), Verdict::kFail);
  sign_zone(13, {t::ds(kZone, 1, 13, 1), t::ds(kZone, 1, 13, 2)});
  EXPECT_EQ(verdict(run_checks(), "dns.dnssec.algorithms"), Verdict::kWarn);
}

TEST_F(DnsChecksTest, Nsec3ParametersFromTheDenialOfExistence) {
  const std::string absent = std::string("baseline-probe-absent-name.") + kZone;
  auto with = [&](std::uint16_t iterations, std::vector<std::uint8_t> salt) {
    resolver_.add(absent, rr_type::kA,
                  t::answer(absent, rr_type::kA, {},
                            {t::nsec3("abc." + std::string(kZone), iterations, salt)}, 3));
    return verdict(run_checks(), "dns.dnssec.nsec3");
  };
  EXPECT_EQ(with(0, {}), Verdict::kPass);
  EXPECT_EQ(with(0, {0xab, 0xcd}), Verdict::kWarn);
  EXPECT_EQ(with(10, {}), Verdict::kWarn);
  EXPECT_EQ(with(100, {}), Verdict::kWarn);
  EXPECT_EQ(with(101, {}), Verdict::kFail);
}

TEST_F(DnsChecksTest, Nsec3ParamIsTheFallbackWhenNoDenialIsSeen) {
  const std::string absent = std::string("baseline-probe-absent-name.") + kZone;
  resolver_.add(absent, rr_type::kA, t::answer(absent, rr_type::kA, {}, {}, 3));
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.dnssec.nsec3"), Verdict::kError);
  resolver_.add(kZone, rr_type::kNsec3param,
                t::answer(kZone, rr_type::kNsec3param, {t::nsec3param(kZone, 150, {1})}));
  EXPECT_EQ(verdict(run_checks(), "dns.dnssec.nsec3"), Verdict::kFail);
}

TEST_F(DnsChecksTest, OneNameServerWithIpv6IsNotEnough) {
  resolver_.add("ns2.example.lab", rr_type::kAaaa,
                t::answer("ns2.example.lab", rr_type::kAaaa, {}));
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.ns.ipv6"), Verdict::kFail);
  EXPECT_NE(summary(results, "dns.ns.ipv6").find("ns2.example.lab"), std::string::npos);
}

TEST_F(DnsChecksTest, NoIpv6AtAllMakesReachNotApplicable) {
  for (auto host : {"ns1.example.lab", "ns2.example.lab"}) {
    resolver_.add(host, rr_type::kAaaa, t::answer(host, rr_type::kAaaa, {}));
  }
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.ns.ipv6_reach"), Verdict::kNotApplicable);
  EXPECT_EQ(verdict(results, "dns.ns.ipv4_reach"), Verdict::kPass);
}

TEST_F(DnsChecksTest, AddressWithoutAServerFailsReachability) {
  resolver_.add("ns2.example.lab", rr_type::kA,
                t::answer("ns2.example.lab", rr_type::kA, {t::a("ns2.example.lab", "127.0.0.2")}));
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.ns.ipv4_reach"), Verdict::kFail);
  EXPECT_EQ(verdict(results, "dns.ns.ipv6_reach"), Verdict::kPass);
}

TEST_F(DnsChecksTest, PrivateAddressesAreNotContactedWithoutPermission) {
  auto results = run_checks(/*allow_private=*/false);
  EXPECT_EQ(verdict(results, "dns.ns.ipv4_reach"), Verdict::kError);
  EXPECT_NE(summary(results, "dns.ns.ipv4_reach").find("address not public"), std::string::npos);
  EXPECT_EQ(servers_.v4->queries(), 0);
  EXPECT_EQ(servers_.v6->queries(), 0);
}

TEST_F(DnsChecksTest, CnameLoopMakesEveryCheckAnError) {
  resolver_.add(
      kZone, rr_type::kSoa,
      t::answer(kZone, rr_type::kSoa,
                {t::cname(kZone, "b.example.lab"), t::cname("b.example.lab", kZone)}, {}, 2));
  auto results = run_checks();
  ASSERT_EQ(results.size(), 8u);
  for (const auto& r : results) {
    EXPECT_EQ(r.verdict, Verdict::kError) << r.id;
    EXPECT_NE(r.summary.find("CNAME loop"), std::string::npos) << r.summary;
  }
}

TEST_F(DnsChecksTest, ServfailMakesEveryCheckAnErrorNeverAPass) {
  resolver_.add(kZone, rr_type::kSoa, t::answer(kZone, rr_type::kSoa, {}, {}, 2));
  for (const auto& r : run_checks()) {
    EXPECT_EQ(r.verdict, Verdict::kError) << r.id;
    EXPECT_NE(r.summary.find("SERVFAIL"), std::string::npos) << r.summary;
  }
}

TEST_F(DnsChecksTest, CnameIsFollowedToTheTargetZone) {
  const std::string alias = "www.other.lab";
  resolver_.add(
      alias, rr_type::kSoa,
      t::answer(alias, rr_type::kSoa,
                {t::cname(alias, kZone), t::soa(kZone), t::rrsig(kZone, rr_type::kSoa, kZone)}));
  auto domain = core::DomainName::parse(alias);
  CheckContext context{*domain, resolver_, core::AddressGuard(true),
                       std::chrono::milliseconds(300)};
  context.dns_port = servers_.v4->port();
  DomainFacts facts(context);
  auto results = t::run(io_, run_dns_checks(context, facts));
  EXPECT_EQ(verdict(results, "dns.dnssec.signed"), Verdict::kPass)
      << summary(results, "dns.dnssec.signed");
}

TEST_F(DnsChecksTest, CaaIsFoundByClimbingTheTree) {
  resolver_.add(kZone, rr_type::kCaa, t::answer(kZone, rr_type::kCaa, {}));
  resolver_.add("lab", rr_type::kCaa,
                t::answer("lab", rr_type::kCaa, {t::caa("lab", 0, "issue", "ca.lab")}));
  auto results = run_checks();
  EXPECT_EQ(verdict(results, "dns.caa"), Verdict::kPass);
  for (const auto& r : results) {
    if (r.id == "dns.caa") {
      EXPECT_EQ(r.details["found_at"], "lab");
    }
  }
}

TEST_F(DnsChecksTest, CaaAbsentOrWithoutIssueWarns) {
  resolver_.add(kZone, rr_type::kCaa, t::answer(kZone, rr_type::kCaa, {}));
  EXPECT_EQ(verdict(run_checks(), "dns.caa"), Verdict::kWarn);
  resolver_.add(kZone, rr_type::kCaa,
                t::answer(kZone, rr_type::kCaa, {t::caa(kZone, 0, "iodef", "mailto:a@b.lab")}));
  EXPECT_EQ(verdict(run_checks(), "dns.caa"), Verdict::kWarn);
}

TEST(Nsec3JudgementTest, NsecPasses) {
  std::string summary;
  EXPECT_EQ(dns_family::judge_nsec3({.uses_nsec3 = false}, summary), Verdict::kPass);
  EXPECT_NE(summary.find("NSEC"), std::string::npos);
}

}  // namespace
}  // namespace baseline::checks
