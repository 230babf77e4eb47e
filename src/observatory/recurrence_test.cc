// SPDX-License-Identifier: Apache-2.0
#include "observatory/recurrence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/store.h"

namespace baseline::observatory {
namespace {

constexpr std::int64_t kFriday = 1796421660;     // 2026-12-04T22:01:00Z
constexpr std::int64_t kDecember1 = 1796083200;  // 2026-12-01T00:00:00Z
constexpr std::int64_t kJanuary1 = 1798761600;   // 2027-01-01T00:00:00Z

TEST(Recurrence, ClockIsWhatTheTestsAssume) {
  EXPECT_EQ(store::iso_time(kDecember1), "2026-12-01T00:00:00Z");
  EXPECT_EQ(store::iso_time(kJanuary1), "2027-01-01T00:00:00Z");
}

TEST(Recurrence, JitterIsDeterministicPerList) {
  EXPECT_EQ(list_jitter_fraction(42), list_jitter_fraction(42));
  EXPECT_NE(list_jitter_fraction(42), list_jitter_fraction(43));
  auto monthly = Recurrence::parse("monthly");
  ASSERT_TRUE(monthly);
  EXPECT_EQ(monthly->next_due(kFriday, 7), monthly->next_due(kFriday, 7));
}

TEST(Recurrence, MonthlyRunsOncePerMonthAtTheListsOffset) {
  auto monthly = Recurrence::parse("monthly");
  ASSERT_TRUE(monthly);
  // Consecutive runs of one list fall in consecutive months.
  std::int64_t at = kDecember1 - 1;
  std::set<std::string> months;
  for (int i = 0; i < 12; ++i) {
    auto due = monthly->next_due(at, 1234);
    ASSERT_TRUE(due);
    ASSERT_GT(*due, at);
    months.insert(store::iso_time(*due).substr(0, 7));
    at = *due;
  }
  EXPECT_EQ(months.size(), 12u);
  EXPECT_TRUE(months.contains("2026-12") && months.contains("2027-11"));
}

TEST(Recurrence, AThousandMonthlyListsAreSpreadAcrossTheMonth) {
  auto monthly = Recurrence::parse("monthly");
  ASSERT_TRUE(monthly);
  std::map<std::int64_t, int> per_day;
  std::set<std::int64_t> moments;
  for (std::int64_t list = 1; list <= 1000; ++list) {
    auto due = monthly->next_due(kDecember1 - 1, list);
    ASSERT_TRUE(due);
    ASSERT_GE(*due, kDecember1);
    ASSERT_LT(*due, kJanuary1);
    ++per_day[(*due - kDecember1) / 86400];
    moments.insert(*due);
  }
  // 31 days, 1000 lists: about 32 a day; no day gets a pile (a fifth of all would be 200).
  EXPECT_EQ(per_day.size(), 31u);
  for (const auto& [day, count] : per_day) EXPECT_LT(count, 70) << "day " << day;
  EXPECT_GT(moments.size(), 990u);
}

TEST(Recurrence, WeeklyRunsAtAFixedMomentOfTheWeek) {
  auto weekly = Recurrence::parse("weekly");
  ASSERT_TRUE(weekly);
  auto first = weekly->next_due(kFriday, 99);
  ASSERT_TRUE(first);
  auto second = weekly->next_due(*first, 99);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second - *first, 7 * 86400);
  EXPECT_LE(*first - kFriday, 7 * 86400);
}

TEST(Recurrence, QuarterlyRunsInTheQuartersOwnMonths) {
  auto quarterly = Recurrence::parse("quarterly");
  ASSERT_TRUE(quarterly);
  std::int64_t at = kJanuary1 - 1;
  for (const char* quarter : {"2027-0[123]", "2027-0[456]", "2027-0[789]", "2027-1[012]"}) {
    auto due = quarterly->next_due(at, 5);
    ASSERT_TRUE(due);
    const auto month = store::iso_time(*due).substr(0, 7);
    const std::string pattern = quarter;
    EXPECT_EQ(month.substr(0, 6), pattern.substr(0, 6)) << month;
    EXPECT_NE(pattern.find(month[6]), std::string::npos) << month << " in " << pattern;
    at = *due;
  }
}

TEST(Recurrence, CronIsMovedByLittleAndNeverSkipsOrRepeats) {
  auto daily = Recurrence::parse("0 3 * * *");
  ASSERT_TRUE(daily);
  std::int64_t at = kFriday;
  std::set<std::string> days;
  for (int i = 0; i < 10; ++i) {
    auto due = daily->next_due(at, 77);
    ASSERT_TRUE(due);
    ASSERT_GT(*due, at);
    const auto text = store::iso_time(*due);
    EXPECT_EQ(text.substr(11, 2), "03") << text;  // within the hour after 03:00
    days.insert(text.substr(0, 10));
    at = *due;
  }
  EXPECT_EQ(days.size(), 10u);
}

TEST(Recurrence, KeepsItsTextAndRefusesNonsense) {
  EXPECT_EQ(Recurrence::parse("quarterly")->text(), "quarterly");
  EXPECT_EQ(Recurrence::parse("0  3 * * *")->text(), "0 3 * * *");
  EXPECT_FALSE(Recurrence::parse("daily"));
  EXPECT_FALSE(Recurrence::parse("0 0 31 2 *")->next_due(kFriday, 1));
}

}  // namespace
}  // namespace baseline::observatory
