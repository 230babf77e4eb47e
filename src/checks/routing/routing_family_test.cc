// SPDX-License-Identifier: Apache-2.0
// The routing checks against a fake resolver and routing data built in memory.
#include "checks/routing/routing_family.h"

#include <gtest/gtest.h>

#include <set>

#include "checks/domain_facts.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks {
namespace {
namespace t = dns::testing;
namespace rr_type = dns::rr_type;
using core::Verdict;

constexpr const char* kDomain = "example.lab";

dns::ResourceRecord mx(const std::string& owner, std::uint16_t preference,
                       const std::string& host) {
  std::vector<std::uint8_t> rdata{static_cast<std::uint8_t>(preference >> 8),
                                  static_cast<std::uint8_t>(preference)};
  auto wire = dns::encode_name(host);
  rdata.insert(rdata.end(), wire->begin(), wire->end());
  return t::rr(owner, rr_type::kMx, rdata);
}

routing::IpPrefix prefix(const char* text) {
  return *routing::IpPrefix::parse(text);
}

class RoutingChecksTest : public ::testing::Test {
 protected:
  RoutingChecksTest() {
    // Web: the apex and www, one valid and one invalid (origin mismatch) address.
    address("example.lab", "198.18.30.1");
    address("www.example.lab", "198.18.30.33");
    address("www.example.lab", "2001:db8:30::1");
    // Name servers: in the zone's NS set.
    resolver_.add(kDomain, rr_type::kSoa, t::answer(kDomain, rr_type::kSoa, {t::soa(kDomain)}));
    resolver_.add(kDomain, rr_type::kNs,
                  t::answer(kDomain, rr_type::kNs, {t::ns(kDomain, "ns1.example.lab")}));
    address("ns1.example.lab", "198.18.30.2");
    // Mail: an MX in another zone whose name server is not announced.
    resolver_.add(kDomain, rr_type::kMx,
                  t::answer(kDomain, rr_type::kMx,
                            {mx(kDomain, 20, "mx2.other.lab"), mx(kDomain, 10, "mx1.other.lab")}));
    address("mx1.other.lab", "198.18.30.97");
    address("mx2.other.lab", "198.18.30.1");  // shared with the web host
    for (auto host : {"mx1.other.lab", "mx2.other.lab"}) {
      resolver_.add(host, rr_type::kSoa, t::answer(host, rr_type::kSoa, {}, {t::soa("other.lab")}));
    }
    resolver_.add("other.lab", rr_type::kNs,
                  t::answer("other.lab", rr_type::kNs, {t::ns("other.lab", "ns.other.lab")}));
    address("ns.other.lab", "198.18.30.130");

    data_.vrps.emplace();
    data_.vrps->add({prefix("198.18.30.0/27"), 27, 64500});
    data_.vrps->add({prefix("198.18.30.32/27"), 27, 64500});
    data_.vrps->add({prefix("198.18.30.128/27"), 27, 64500});
    data_.vrps->add({prefix("2001:db8:30::/120"), 120, 64500});
    data_.vrp_source = "test VRPs";
    data_.routes.emplace();
    data_.routes->add(prefix("198.18.30.0/27"), 64500);
    data_.routes->add(prefix("198.18.30.32/27"), 64666);
    data_.routes->add(prefix("198.18.30.96/27"), 64500);  // no VRP: not-found
    data_.routes->add(prefix("2001:db8:30::/120"), 64500);
    data_.rib_source = "test RIB";
  }

  void address(const std::string& host, const std::string& text) {
    const auto type = text.find(':') == std::string::npos ? rr_type::kA : rr_type::kAaaa;
    auto& records = records_[{host, type}];
    records.push_back(t::a(host, text));
    resolver_.add(host, type, t::answer(host, type, records));
  }

  std::vector<core::CheckResult> run(const routing::RoutingData* data) {
    CheckContext context{*core::DomainName::parse(kDomain), resolver_, core::AddressGuard(true)};
    DomainFacts facts(context);
    return t::run(io_, run_routing_checks(context, facts, data));
  }

  static std::vector<const core::CheckResult*> of(const std::vector<core::CheckResult>& results,
                                                  std::string_view id) {
    std::vector<const core::CheckResult*> out;
    for (const auto& r : results) {
      if (r.id == id) out.push_back(&r);
    }
    return out;
  }
  static Verdict verdict_for(const std::vector<core::CheckResult>& results, std::string_view id,
                             const std::string& target) {
    for (const auto* r : of(results, id)) {
      if (r->target == target) return r->verdict;
    }
    ADD_FAILURE() << "no " << id << " result for " << target;
    return Verdict::kError;
  }

  boost::asio::io_context io_;
  t::FakeResolver resolver_;
  std::map<std::pair<std::string, std::uint16_t>, std::vector<dns::ResourceRecord>> records_;
  routing::RoutingData data_;
};

TEST_F(RoutingChecksTest, WebAddressesOfTheDomainAndWww) {
  auto results = run(&data_);
  ASSERT_EQ(of(results, "web.rpki.exists").size(), 3u);
  ASSERT_EQ(of(results, "web.rpki.valid").size(), 3u);
  EXPECT_EQ(verdict_for(results, "web.rpki.exists", "198.18.30.1"), Verdict::kPass);
  EXPECT_EQ(verdict_for(results, "web.rpki.valid", "198.18.30.1"), Verdict::kPass);
  EXPECT_EQ(verdict_for(results, "web.rpki.exists", "198.18.30.33"), Verdict::kPass);
  EXPECT_EQ(verdict_for(results, "web.rpki.valid", "198.18.30.33"), Verdict::kFail);
  EXPECT_EQ(verdict_for(results, "web.rpki.valid", "2001:db8:30::1"), Verdict::kPass);
  EXPECT_EQ(*core::worst_verdict(results, "web.rpki.valid"), Verdict::kFail);
  for (const auto* r : of(results, "web.rpki.valid")) {
    if (r->target != "198.18.30.33") continue;
    EXPECT_NE(r->summary.find("AS64666"), std::string::npos) << r->summary;
    EXPECT_EQ(r->details.at("route"), "198.18.30.32/27");
    EXPECT_EQ(r->details.at("validations")[0].at("validity"), "invalid");
    EXPECT_EQ(r->details.at("hosts")[0].at("host"), "www.example.lab");
  }
}

TEST_F(RoutingChecksTest, NameServerAddresses) {
  auto results = run(&data_);
  ASSERT_EQ(of(results, "dns.rpki.valid").size(), 1u);
  EXPECT_EQ(verdict_for(results, "dns.rpki.exists", "198.18.30.2"), Verdict::kPass);
  EXPECT_EQ(verdict_for(results, "dns.rpki.valid", "198.18.30.2"), Verdict::kPass);
}

TEST_F(RoutingChecksTest, MailCoversMxHostsAndTheNameServersOfTheirZone) {
  auto results = run(&data_);
  auto valid = of(results, "mail.rpki.valid");
  ASSERT_EQ(valid.size(), 3u);
  // Preference order: mx1 (10) first, then the zone's name server, then mx2 (20).
  EXPECT_EQ(valid[0]->target, "198.18.30.97");
  EXPECT_EQ(verdict_for(results, "mail.rpki.exists", "198.18.30.97"), Verdict::kFail);
  EXPECT_EQ(verdict_for(results, "mail.rpki.valid", "198.18.30.97"), Verdict::kFail);  // not-found
  EXPECT_EQ(verdict_for(results, "mail.rpki.exists", "198.18.30.130"), Verdict::kPass);
  EXPECT_EQ(verdict_for(results, "mail.rpki.valid", "198.18.30.130"), Verdict::kNotApplicable);
  EXPECT_EQ(verdict_for(results, "mail.rpki.valid", "198.18.30.1"), Verdict::kPass);
  for (const auto* r : valid) {
    if (r->target == "198.18.30.130") {
      EXPECT_EQ(r->details.at("hosts")[0].at("role"), "name server of MX zone other.lab");
      EXPECT_NE(r->summary.find("not announced"), std::string::npos);
    }
  }
}

TEST_F(RoutingChecksTest, WithoutRoutingDataEveryRoutingCheckIsAnErrorWithTheReason) {
  for (const routing::RoutingData* data : {static_cast<const routing::RoutingData*>(nullptr),
                                           static_cast<const routing::RoutingData*>(&data_)}) {
    routing::RoutingData empty;
    empty.vrp_problem =
        "no route origin authorisations were given (--vrps FILE or --rtr HOST:PORT)";
    auto results = run(data ? &empty : nullptr);
    ASSERT_EQ(results.size(), 6u);
    for (const auto& r : results) {
      EXPECT_EQ(r.verdict, Verdict::kError) << r.id;
      EXPECT_NE(r.summary.find("--vrps"), std::string::npos) << r.summary;
      EXPECT_EQ(r.target, kDomain);
    }
  }
}

TEST_F(RoutingChecksTest, VrpsWithoutARibJudgeExistsOnly) {
  data_.routes.reset();
  data_.rib_problem = "the RIB could not be loaded: rib.mrt: truncated MRT record at offset 12";
  auto results = run(&data_);
  EXPECT_EQ(verdict_for(results, "web.rpki.exists", "198.18.30.1"), Verdict::kPass);
  for (const auto* r : of(results, "web.rpki.valid")) {
    EXPECT_EQ(r->verdict, Verdict::kError);
    EXPECT_NE(r->summary.find("offset 12"), std::string::npos);
  }
}

TEST_F(RoutingChecksTest, NullMxAndNoAddressesAreNotApplicable) {
  resolver_.add(kDomain, rr_type::kMx, t::answer(kDomain, rr_type::kMx, {mx(kDomain, 0, ".")}));
  resolver_.add("example.lab", rr_type::kA, t::answer("example.lab", rr_type::kA, {}));
  resolver_.add("www.example.lab", rr_type::kA, t::answer("www.example.lab", rr_type::kA, {}));
  resolver_.add("www.example.lab", rr_type::kAaaa,
                t::answer("www.example.lab", rr_type::kAaaa, {}));
  auto results = run(&data_);
  for (const char* id :
       {"mail.rpki.exists", "mail.rpki.valid", "web.rpki.exists", "web.rpki.valid"}) {
    auto found = of(results, id);
    ASSERT_EQ(found.size(), 1u) << id;
    EXPECT_EQ(found[0]->verdict, Verdict::kNotApplicable) << id;
  }
  EXPECT_NE(of(results, "mail.rpki.valid")[0]->summary.find("null MX"), std::string::npos);
}

TEST_F(RoutingChecksTest, LookupFailureIsAnError) {
  resolver_.fail("www.example.lab", rr_type::kAaaa, "timed out");
  resolver_.fail(kDomain, rr_type::kMx, "timed out");
  auto results = run(&data_);
  EXPECT_EQ(*core::worst_verdict(results, "web.rpki.valid"), Verdict::kError);
  EXPECT_EQ(*core::worst_verdict(results, "mail.rpki.exists"), Verdict::kError);
  EXPECT_EQ(*core::worst_verdict(results, "dns.rpki.valid"), Verdict::kPass);
}

// RFC 5321 §5.1: no MX, but an address: the domain itself is the mail host, as the mail family
// probes it for STARTTLS; mail.rpki judges that address and the name servers of its zone.
TEST_F(RoutingChecksTest, ImplicitMxIsTheDomainsOwnAddress) {
  resolver_.add(kDomain, rr_type::kMx, t::answer(kDomain, rr_type::kMx, {}));
  auto results = run(&data_);
  auto exists = of(results, "mail.rpki.exists");
  ASSERT_EQ(exists.size(), 2u);
  EXPECT_EQ(exists[0]->target, "198.18.30.1");
  EXPECT_EQ(exists[0]->verdict, Verdict::kPass);
  EXPECT_EQ(exists[0]->details.at("hosts")[0].at("host"), kDomain);
  EXPECT_NE(exists[0]->details.at("hosts")[0].at("role").get<std::string>().find("implicit MX"),
            std::string::npos);
  EXPECT_EQ(exists[1]->target, "198.18.30.2");  // ns1.example.lab, of the domain's zone
  EXPECT_EQ(verdict_for(results, "mail.rpki.valid", "198.18.30.1"), Verdict::kPass);
  EXPECT_EQ(verdict_for(results, "mail.rpki.valid", "198.18.30.2"), Verdict::kPass);
}

TEST_F(RoutingChecksTest, NoMxAndNoAddressIsNotApplicable) {
  resolver_.add(kDomain, rr_type::kMx, t::answer(kDomain, rr_type::kMx, {}));
  resolver_.add(kDomain, rr_type::kA, t::answer(kDomain, rr_type::kA, {}));
  auto results = run(&data_);
  for (const char* id : {"mail.rpki.exists", "mail.rpki.valid"}) {
    auto found = of(results, id);
    ASSERT_EQ(found.size(), 1u) << id;
    EXPECT_EQ(found[0]->verdict, Verdict::kNotApplicable) << id;
    EXPECT_EQ(found[0]->target, kDomain);
  }
}

// The mail family's bound: at most 10 MX hosts, in preference order; the rest are not judged.
TEST_F(RoutingChecksTest, AtMostTheMailFamilysMxHosts) {
  std::vector<dns::ResourceRecord> records;
  for (int i = 0; i < 12; ++i) {
    const std::string host = "m" + std::to_string(i) + ".other.lab";
    records.push_back(mx(kDomain, static_cast<std::uint16_t>(i), host));
    address(host, "198.18.30." + std::to_string(100 + i));
    resolver_.add(host, rr_type::kSoa, t::answer(host, rr_type::kSoa, {}, {t::soa("other.lab")}));
  }
  resolver_.add(kDomain, rr_type::kMx, t::answer(kDomain, rr_type::kMx, records));
  auto results = run(&data_);
  std::set<std::string> targets;
  for (const auto* r : of(results, "mail.rpki.exists")) {
    targets.insert(r->target);
    EXPECT_EQ(r->details.at("bounds_hit")[0], "MX hosts (10)");
  }
  EXPECT_EQ(targets.size(), 11u);  // ten MX hosts and ns.other.lab
  EXPECT_TRUE(targets.count("198.18.30.109"));
  EXPECT_FALSE(targets.count("198.18.30.110"));
  EXPECT_FALSE(targets.count("198.18.30.111"));
}

// An MX host whose address lookup fails: the mail family cannot know its addresses, and neither
// can routing say they are covered.
TEST_F(RoutingChecksTest, MxHostLookupFailureIsAnError) {
  resolver_.fail("mx2.other.lab", rr_type::kAaaa, "timed out");
  auto results = run(&data_);
  for (const char* id : {"mail.rpki.exists", "mail.rpki.valid"}) {
    auto found = of(results, id);
    ASSERT_EQ(found.size(), 1u) << id;
    EXPECT_EQ(found[0]->verdict, Verdict::kError) << id;
    EXPECT_NE(found[0]->summary.find("mx2.other.lab"), std::string::npos) << found[0]->summary;
  }
  EXPECT_EQ(*core::worst_verdict(results, "web.rpki.exists"), Verdict::kPass);
}

// The facts are read, not gathered again: with every family of the domain test sharing them, the
// routing family adds only the lookups of the MX hosts' zones.
TEST_F(RoutingChecksTest, ReadsTheFactsTheOtherFamiliesGathered) {
  CheckContext context{*core::DomainName::parse(kDomain), resolver_, core::AddressGuard(true)};
  DomainFacts facts(context);
  t::run(io_, facts.web_hosts());
  t::run(io_, facts.zone());
  t::run(io_, facts.mail_hosts());
  const int before = resolver_.asked;
  auto results = t::run(io_, run_routing_checks(context, facts, &data_));
  EXPECT_EQ(of(results, "web.rpki.exists").size(), 3u);
  // Per MX host its SOA, its zone's NS and that name server's A and AAAA (the fake resolver
  // caches nothing): nothing of the domain itself.
  EXPECT_EQ(resolver_.asked - before, 8);
}

TEST(RoutingChecksJudge, OneResultPerAddressEvenWhenSharedByHosts) {
  routing_family::AddressSet set;
  auto a = boost::asio::ip::make_address("198.18.30.1");
  set.add(a, {"ns1.example.lab", "name server"});
  set.add(a, {"ns2.example.lab", "name server"});
  set.add(a, {"ns2.example.lab", "name server"});
  routing::RoutingData data;
  data.vrps.emplace();
  data.routes.emplace();
  auto results = routing_family::judge("dns", "example.lab", set, &data);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].details.at("hosts").size(), 2u);
  EXPECT_EQ(results[0].verdict, Verdict::kFail);           // no VRP
  EXPECT_EQ(results[1].verdict, Verdict::kNotApplicable);  // not announced
}

}  // namespace
}  // namespace baseline::checks
