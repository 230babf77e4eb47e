// SPDX-License-Identifier: Apache-2.0
#include "server/domain_input.h"

#include <gtest/gtest.h>

namespace baseline::server {
namespace {

std::string domain_of(std::string_view typed) {
  auto parsed = parse_domain_input(typed);
  if (auto* d = std::get_if<core::DomainName>(&parsed)) return d->ascii();
  return "problem:" + std::get<InputProblem>(parsed).code;
}

TEST(DomainInput, ReducesWhatPeopleTypeToTheDomain) {
  EXPECT_EQ(domain_of("example.nl"), "example.nl");
  EXPECT_EQ(domain_of("  Example.NL.  "), "example.nl");
  EXPECT_EQ(domain_of("https://example.nl/path?q=1#x"), "example.nl");
  EXPECT_EQ(domain_of("http://user@www.example.nl:8443/"), "www.example.nl");
  EXPECT_EQ(domain_of("example.nl/contact"), "example.nl");
  EXPECT_EQ(domain_of("example.nl:443"), "example.nl");
  EXPECT_EQ(domain_of("bücher.example"), "xn--bcher-kva.example");
  EXPECT_EQ(domain_of("https://münchen.de/"), "xn--mnchen-3ya.de");
}

TEST(DomainInput, RefusesWhatIsNoDomainWithAStableCode) {
  EXPECT_EQ(domain_of(""), "problem:empty-domain");
  EXPECT_EQ(domain_of("   "), "problem:empty-domain");
  EXPECT_EQ(domain_of("192.0.2.1"), "problem:ip-address");
  EXPECT_EQ(domain_of("2001:db8::1"), "problem:ip-address");
  EXPECT_EQ(domain_of("https://[2001:db8::1]/"), "problem:ip-address");
  EXPECT_EQ(domain_of("http://192.0.2.1:8080/x"), "problem:ip-address");
  EXPECT_EQ(domain_of("not a domain"), "problem:invalid-domain");
  EXPECT_EQ(domain_of("<script>alert(1)</script>.nl"), "problem:invalid-domain");
  EXPECT_EQ(domain_of("localhost"), "problem:invalid-domain");
  EXPECT_EQ(domain_of(std::string(5000, 'a')), "problem:invalid-domain");
}

}  // namespace
}  // namespace baseline::server
