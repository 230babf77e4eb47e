// SPDX-License-Identifier: Apache-2.0
#include "core/verdict.h"

#include <gtest/gtest.h>

#include "core/check_result.h"

namespace baseline::core {
namespace {

TEST(VerdictTest, WorstOrdersErrorFailWarnPassInfoNotApplicable) {
  EXPECT_EQ(worst(Verdict::kPass, Verdict::kFail), Verdict::kFail);
  EXPECT_EQ(worst(Verdict::kError, Verdict::kFail), Verdict::kError);
  EXPECT_EQ(worst(Verdict::kWarn, Verdict::kPass), Verdict::kWarn);
  EXPECT_EQ(worst(Verdict::kInfo, Verdict::kPass), Verdict::kPass);
  EXPECT_EQ(worst(Verdict::kNotApplicable, Verdict::kInfo), Verdict::kInfo);
}

TEST(VerdictTest, NamesRoundTrip) {
  for (auto v : {Verdict::kPass, Verdict::kInfo, Verdict::kNotApplicable, Verdict::kWarn,
                 Verdict::kFail, Verdict::kError}) {
    EXPECT_EQ(verdict_from_string(to_string(v)), v);
  }
  EXPECT_EQ(to_string(Verdict::kNotApplicable), "not_applicable");
  EXPECT_FALSE(verdict_from_string("ok").has_value());
}

TEST(VerdictTest, WorstVerdictFoldsTargetsOfOneCheck) {
  std::vector<CheckResult> results{
      {"a", "x", Verdict::kPass}, {"a", "y", Verdict::kFail}, {"b", "x", Verdict::kWarn}};
  EXPECT_EQ(worst_verdict(results, "a"), Verdict::kFail);
  EXPECT_EQ(worst_verdict(results, "b"), Verdict::kWarn);
  EXPECT_FALSE(worst_verdict(results, "c").has_value());
}

}  // namespace
}  // namespace baseline::core
