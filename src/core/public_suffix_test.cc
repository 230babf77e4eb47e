// SPDX-License-Identifier: Apache-2.0
#include "core/public_suffix.h"

#include <gtest/gtest.h>

namespace baseline::core {
namespace {

TEST(PublicSuffix, OrganizationalDomainFollowsTheList) {
  EXPECT_EQ(organizational_domain("mail.example.com"), "example.com");
  EXPECT_EQ(organizational_domain("a.b.example.co.uk"), "example.co.uk");
  EXPECT_EQ(organizational_domain("example.nl"), "example.nl");
  EXPECT_EQ(organizational_domain("co.uk"), "co.uk");  // a public suffix is its own
  // Unlisted TLDs fall under the default rule "*": the registrable domain is two labels.
  EXPECT_EQ(organizational_domain("sub.secure.lab"), "secure.lab");
}

}  // namespace
}  // namespace baseline::core
