// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/testing/loopback_mail_test.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <filesystem>

#include "checks/context.h"
#include "checks/mail/mail_facts.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks::mail_family::testing {
namespace asio = boost::asio;

LoopbackMailTest::LoopbackMailTest()
    : ca_(tls::testing::make_ca("Baseline test mail CA")),
      leaf_(tls::testing::make_leaf({"mx.test"}, ca_)),
      ca_file_(ca_.pem()) {
  // Lock files of the test's own, so that tests running side by side do not wait on each other
  // (and a user who cannot write /run/baseline still gets them).
  std::string pattern = (std::filesystem::temp_directory_path() / "baseline-locks-XXXXXX").string();
  if (mkdtemp(pattern.data())) {
    lock_directory_ = pattern;
    setenv("BASELINE_LOCK_DIR", lock_directory_.c_str(), 1);
  }
}

LoopbackMailTest::~LoopbackMailTest() {
  server_.reset();
  if (!lock_directory_.empty()) {
    unsetenv("BASELINE_LOCK_DIR");
    std::error_code ignored;
    std::filesystem::remove_all(lock_directory_, ignored);
  }
}

void LoopbackMailTest::serve(mail::smtp::testing::SmtpBehaviour behaviour,
                             const tls::testing::TlsServerConfig& config,
                             std::vector<std::string> addresses) {
  server_.reset();  // before the context it uses
  tls_context_ = tls::testing::make_server_context(config, leaf_, {&ca_});
  addresses_ = addresses;
  server_ = std::make_unique<mail::smtp::testing::FakeSmtpServer>(
      std::move(behaviour), tls_context_.get(), std::move(addresses));
}

std::vector<MxServers> LoopbackMailTest::probe(const MxOptions& options) {
  dns::testing::FakeResolver resolver;
  std::vector<dns::ResourceRecord> tlsa;
  for (const auto& t : options.tlsa) {
    std::vector<std::uint8_t> rdata{t.usage, t.selector, t.matching};
    rdata.insert(rdata.end(), t.data.begin(), t.data.end());
    tlsa.push_back(dns::testing::rr("_25._tcp." + options.host, dns::rr_type::kTlsa, rdata));
  }
  resolver.add("_25._tcp." + options.host, dns::rr_type::kTlsa,
               dns::testing::answer("_25._tcp." + options.host, dns::rr_type::kTlsa, tlsa, {}, 0,
                                    options.tlsa_security));
  auto domain = core::DomainName::parse("example.test");
  if (!domain) throw std::runtime_error("example.test does not parse");
  // --allow-private: the guard lets loopback through, as in the lab.
  CheckContext context{*domain, resolver, core::AddressGuard(true), options.probe_timeout};
  if (options.deadline) context.deadline = net::Clock::now() + *options.deadline;
  if (options.with_ca_file) context.ca_file = ca_file_.path();

  MailFacts mail;
  mail.domain = "example.test";
  mail.kind = MxKind::kExplicit;
  MailHost host;
  host.name = options.host;
  host.preference = 10;
  host.security = dns::Security::kSecure;
  for (const auto& a : addresses_) {
    auto address = asio::ip::make_address(a);
    (address.is_v6() ? host.ipv6 : host.ipv4).push_back(address);
  }
  mail.hosts.push_back(host);

  MailServerCache cache(server_->port());
  context.mail_servers = &cache;
  asio::io_context io;
  auto out = dns::testing::run(io, gather_smtp_facts(context, mail, cache));
  // The server's counts are complete once it has seen every connection end.
  EXPECT_TRUE(server_->wait_idle()) << "the fake mail server still has connections open";
  return out;
}

core::CheckResult LoopbackMailTest::only(const std::vector<core::CheckResult>& results,
                                         std::string_view id, std::string_view target) {
  const core::CheckResult* found = nullptr;
  int count = 0;
  for (const auto& r : results) {
    if (r.id != id || (!target.empty() && r.target != target)) continue;
    found = &r;
    ++count;
  }
  if (count != 1) {
    ADD_FAILURE() << count << " results " << id << " " << target;
    return {};
  }
  return *found;
}

bool LoopbackMailTest::has_ipv6_loopback() {
  const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

}  // namespace baseline::checks::mail_family::testing
