// SPDX-License-Identifier: Apache-2.0
#include "observatory/cron.h"

#include <gtest/gtest.h>

#include "store/store.h"

namespace baseline::observatory {
namespace {

// 2026-12-04T22:01:00Z is a Friday.
constexpr std::int64_t kFriday = 1796421660;

std::string next(const std::string& expression, std::int64_t after) {
  auto cron = CronExpression::parse(expression);
  EXPECT_TRUE(cron) << expression << ": " << (cron ? "" : cron.error().message);
  if (!cron) return "";
  auto at = cron->next_after(after);
  return at ? store::iso_time(*at) : "never";
}

TEST(Cron, ClockIsWhatTheTestsAssume) {
  EXPECT_EQ(store::iso_time(kFriday), "2026-12-04T22:01:00Z");
}

TEST(Cron, EveryMinuteIsStrictlyAfter) {
  EXPECT_EQ(next("* * * * *", kFriday), "2026-12-04T22:02:00Z");
  EXPECT_EQ(next("* * * * *", kFriday + 30), "2026-12-04T22:02:00Z");
}

TEST(Cron, FixedTimeRollsOverToTheNextDay) {
  EXPECT_EQ(next("30 3 * * *", kFriday), "2026-12-05T03:30:00Z");
  EXPECT_EQ(next("0 22 * * *", kFriday), "2026-12-05T22:00:00Z");
}

TEST(Cron, StepsRangesAndLists) {
  EXPECT_EQ(next("*/15 * * * *", kFriday), "2026-12-04T22:15:00Z");
  EXPECT_EQ(next("5/20 * * * *", kFriday), "2026-12-04T22:05:00Z");
  EXPECT_EQ(next("0 9-17/4 * * *", kFriday), "2026-12-05T09:00:00Z");
  EXPECT_EQ(next("10,50 23 * * *", kFriday), "2026-12-04T23:10:00Z");
}

TEST(Cron, MonthAndDayNames) {
  EXPECT_EQ(next("0 0 1 jan *", kFriday), "2027-01-01T00:00:00Z");
  EXPECT_EQ(next("0 6 * * MON", kFriday), "2026-12-07T06:00:00Z");
  // 7 is Sunday as well as 0.
  EXPECT_EQ(next("0 6 * * 7", kFriday), "2026-12-06T06:00:00Z");
  EXPECT_EQ(next("0 6 * * 0", kFriday), "2026-12-06T06:00:00Z");
}

TEST(Cron, BothDayFieldsRestrictedMeansEither) {
  // The 15th, or any Monday: Monday the 7th comes first.
  EXPECT_EQ(next("0 0 15 * mon", kFriday), "2026-12-07T00:00:00Z");
  // Only the day of month restricted: the weekday field does not widen it.
  EXPECT_EQ(next("0 0 15 * *", kFriday), "2026-12-15T00:00:00Z");
}

TEST(Cron, LeapDayAndImpossibleDates) {
  EXPECT_EQ(next("0 0 29 2 *", kFriday), "2028-02-29T00:00:00Z");
  EXPECT_EQ(next("0 0 31 2 *", kFriday), "never");
}

TEST(Cron, RefusesMalformedExpressions) {
  for (const char* bad : {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *",
                          "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *",
                          "1,,2 * * * *", "* * * foo *", "@monthly"}) {
    EXPECT_FALSE(CronExpression::parse(bad)) << bad;
  }
  EXPECT_FALSE(CronExpression::parse(std::string(300, '*')));
}

TEST(Cron, NormalisesWhitespace) {
  auto cron = CronExpression::parse("  0\t3  *  * 1 ");
  ASSERT_TRUE(cron);
  EXPECT_EQ(cron->text(), "0 3 * * 1");
}

}  // namespace
}  // namespace baseline::observatory
