// SPDX-License-Identifier: Apache-2.0
// DomainFacts: one MX selection for the mail and routing families (with the implicit MX of
// RFC 5321 §5.1), and facts that wait only for their own lookups.
#include "checks/domain_facts.h"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>

#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks {
namespace {
namespace asio = boost::asio;
namespace t = dns::testing;
namespace rr_type = dns::rr_type;

constexpr const char* kDomain = "example.lab";

// A resolver whose MX answers are held back until `release()`: a slow mail side.
class HeldMxResolver final : public dns::Resolver {
 public:
  explicit HeldMxResolver(dns::Resolver& inner) : inner_(inner) {}
  asio::awaitable<core::Result<dns::Answer>> lookup(std::string name, std::uint16_t type,
                                                    dns::LookupOptions options) override {
    if (type == rr_type::kMx) {
      if (!gate_)
        gate_.emplace(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
      co_await gate_->async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_return co_await inner_.lookup(std::move(name), type, options);
  }
  void release() {
    if (gate_) gate_->cancel();
  }

 private:
  dns::Resolver& inner_;
  std::optional<asio::steady_timer> gate_;
};

class DomainFactsTest : public ::testing::Test {
 protected:
  DomainFactsTest() {
    resolver_.add(kDomain, rr_type::kA,
                  t::answer(kDomain, rr_type::kA, {t::a(kDomain, "198.18.30.1")}));
    resolver_.add(
        "www.example.lab", rr_type::kAaaa,
        t::answer("www.example.lab", rr_type::kAaaa, {t::a("www.example.lab", "2001:db8:30::1")}));
  }
  CheckContext context(dns::Resolver& resolver) {
    return CheckContext{*core::DomainName::parse(kDomain), resolver, core::AddressGuard(true)};
  }

  asio::io_context io_;
  t::FakeResolver resolver_;
};

TEST_F(DomainFactsTest, NoMxButAnAddressIsTheImplicitMx) {
  auto ctx = context(resolver_);
  DomainFacts facts(ctx);
  const auto* mail = t::run(io_, facts.mail_hosts());
  ASSERT_TRUE(mail->ok()) << mail->error().message;
  EXPECT_EQ((*mail)->kind, mail_family::MxKind::kImplicit);
  ASSERT_EQ((*mail)->hosts.size(), 1u);
  const auto& host = (*mail)->hosts.front();
  EXPECT_EQ(host.name, kDomain);
  EXPECT_EQ(host.preference, 0);
  ASSERT_EQ(host.ipv4.size(), 1u);
  EXPECT_EQ(host.ipv4.front().to_string(), "198.18.30.1");
  EXPECT_FALSE(host.address_error);
}

TEST_F(DomainFactsTest, NullMxIsNoMailHostEvenWithAnAddress) {
  resolver_.add(kDomain, rr_type::kMx, t::answer(kDomain, rr_type::kMx, {t::mx(kDomain, 0, ".")}));
  auto ctx = context(resolver_);
  DomainFacts facts(ctx);
  const auto* mail = t::run(io_, facts.mail_hosts());
  ASSERT_TRUE(mail->ok());
  EXPECT_EQ((*mail)->kind, mail_family::MxKind::kNull);
  EXPECT_TRUE((*mail)->hosts.empty());
}

TEST_F(DomainFactsTest, AFailedAddressLookupOfAnMxHostIsKept) {
  resolver_.add(kDomain, rr_type::kMx,
                t::answer(kDomain, rr_type::kMx, {t::mx(kDomain, 10, "mx.example.lab")}));
  resolver_.add("mx.example.lab", rr_type::kA,
                t::answer("mx.example.lab", rr_type::kA, {}, {}, dns::rcode::kServFail));
  auto ctx = context(resolver_);
  DomainFacts facts(ctx);
  const auto* mail = t::run(io_, facts.mail_hosts());
  ASSERT_TRUE(mail->ok());
  ASSERT_EQ((*mail)->hosts.size(), 1u);
  ASSERT_TRUE((*mail)->hosts.front().address_error);
  EXPECT_NE((*mail)->hosts.front().address_error->find("SERVFAIL"), std::string::npos);
}

TEST_F(DomainFactsTest, WebHostsAreTheDomainAndWww) {
  auto ctx = context(resolver_);
  DomainFacts facts(ctx);
  const auto* web = t::run(io_, facts.web_hosts());
  ASSERT_EQ(web->hosts.size(), 2u);
  EXPECT_EQ(web->hosts[0].name, kDomain);
  EXPECT_EQ(web->hosts[0].ipv4.size(), 1u);
  EXPECT_EQ(web->hosts[1].name, "www.example.lab");
  EXPECT_EQ(web->hosts[1].ipv6.size(), 1u);
  EXPECT_FALSE(web->hosts[0].lookup_error);
}

TEST_F(DomainFactsTest, AServfailOfAWebHostIsALookupError) {
  resolver_.add("www.example.lab", rr_type::kA,
                t::answer("www.example.lab", rr_type::kA, {}, {}, dns::rcode::kServFail));
  auto ctx = context(resolver_);
  DomainFacts facts(ctx);
  const auto* web = t::run(io_, facts.web_hosts());
  EXPECT_FALSE(web->hosts[0].lookup_error);
  ASSERT_TRUE(web->hosts[1].lookup_error);
  EXPECT_NE(web->hosts[1].lookup_error->find("SERVFAIL"), std::string::npos);
}

// The families run concurrently: the web hosts are ready while the MX lookup is still held.
TEST_F(DomainFactsTest, TheWebHostsDoNotWaitForTheMailHosts) {
  HeldMxResolver held(resolver_);
  auto ctx = context(held);
  DomainFacts facts(ctx);
  bool mail_done = false;
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        co_await facts.mail_hosts();
        mail_done = true;
      },
      asio::detached);
  bool web_done = false;
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        const auto* web = co_await facts.web_hosts();
        web_done = !web->hosts.empty();
        EXPECT_FALSE(mail_done);
        held.release();
      },
      asio::detached);
  io_.run();
  EXPECT_TRUE(web_done);
  EXPECT_TRUE(mail_done);
}

}  // namespace
}  // namespace baseline::checks
