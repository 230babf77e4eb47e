// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/dns/caa_syntax.h"

namespace baseline::checks::dns_family {
namespace {

TEST(CaaSyntaxTest, IssueValues) {
  EXPECT_TRUE(is_valid_issue_value("letsencrypt.org"));
  EXPECT_TRUE(is_valid_issue_value(";"));  // no CA may issue
  EXPECT_TRUE(is_valid_issue_value(""));
  EXPECT_TRUE(is_valid_issue_value("ca.example; account=12345"));
  EXPECT_TRUE(is_valid_issue_value(" ca.example ; a=1; validationmethods=dns-01 "));
  EXPECT_FALSE(is_valid_issue_value("%%bad"));
  EXPECT_FALSE(is_valid_issue_value("ca..example"));
  EXPECT_FALSE(is_valid_issue_value("ca.example-"));
  EXPECT_FALSE(is_valid_issue_value("ca.example; =x"));
  EXPECT_FALSE(is_valid_issue_value("ca.example; a"));
  EXPECT_FALSE(is_valid_issue_value("ca example"));
}

TEST(CaaSyntaxTest, RecordProblems) {
  EXPECT_TRUE(caa_record_problems({0, "issue", "ca.lab"}).empty());
  EXPECT_TRUE(caa_record_problems({0, "ISSUE", "ca.lab"}).empty());
  EXPECT_TRUE(caa_record_problems({0, "iodef", "https://ca.lab/report"}).empty());
  EXPECT_TRUE(caa_record_problems({0, "futuretag", "x"}).empty());  // unknown, not critical
  EXPECT_EQ(caa_record_problems({0, "iodef", "http://ca.lab/report"}).size(), 1u);
  EXPECT_EQ(caa_record_problems({0, "iodef", "mailto:"}).size(), 1u);
  EXPECT_EQ(caa_record_problems({128, "futuretag", "x"}).size(), 1u);
  EXPECT_EQ(caa_record_problems({0, "bad tag", "x"}).size(), 1u);
  EXPECT_EQ(caa_record_problems({0, "issue", "%%bad"}).size(), 1u);
}

}  // namespace
}  // namespace baseline::checks::dns_family
