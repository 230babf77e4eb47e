// SPDX-License-Identifier: Apache-2.0
#include "observatory/recurrence.h"

#include <algorithm>
#include <chrono>
#include <tuple>

namespace baseline::observatory {

namespace {

using namespace std::chrono;

constexpr std::int64_t kMaxCronJitter = 3600;

std::int64_t unix_of(sys_days day) {
  return duration_cast<seconds>(day.time_since_epoch()).count();
}

// The start of the period containing `at`, and of the one after it.
std::pair<std::int64_t, std::int64_t> period_around(Period period, std::int64_t at) {
  const sys_days day{floor<days>(sys_seconds{seconds{at}})};
  if (period == Period::kWeekly) {
    // Monday 00:00 UTC: c_encoding is 0 for Sunday.
    const int since_monday = (static_cast<int>(weekday(day).c_encoding()) + 6) % 7;
    const sys_days monday = day - days{since_monday};
    return {unix_of(monday), unix_of(monday + days{7})};
  }
  const year_month_day date{day};
  const int months_per = period == Period::kMonthly ? 1 : 3;
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned first_month = (month - 1) / months_per * months_per + 1;
  const year_month start = date.year() / std::chrono::month{first_month};
  const year_month next = start + months{months_per};
  return {unix_of(sys_days{start / 1}), unix_of(sys_days{next / 1})};
}

}  // namespace

double list_jitter_fraction(std::int64_t list_id) {
  // splitmix64's finaliser: neighbouring ids get unrelated bits.
  std::uint64_t z = static_cast<std::uint64_t>(list_id) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / static_cast<double>(1ULL << 53);
}

core::Result<Recurrence> Recurrence::parse(std::string_view text) {
  Recurrence r;
  if (text == "weekly") {
    r.rule_ = Period::kWeekly;
  } else if (text == "monthly") {
    r.rule_ = Period::kMonthly;
  } else if (text == "quarterly") {
    r.rule_ = Period::kQuarterly;
  } else {
    auto cron = CronExpression::parse(text);
    if (!cron) {
      return core::make_error("--every: weekly, monthly, quarterly or a cron expression (" +
                              cron.error().message + ")");
    }
    r.rule_ = *std::move(cron);
  }
  return r;
}

std::string Recurrence::text() const {
  if (const auto* cron = std::get_if<CronExpression>(&rule_)) return cron->text();
  switch (std::get<Period>(rule_)) {
    case Period::kWeekly:
      return "weekly";
    case Period::kMonthly:
      return "monthly";
    case Period::kQuarterly:
      return "quarterly";
  }
  return "monthly";
}

std::optional<std::int64_t> Recurrence::next_due(std::int64_t after, std::int64_t list_id) const {
  const double fraction = list_jitter_fraction(list_id);
  if (const auto* cron = std::get_if<CronExpression>(&rule_)) {
    // The jittered run may fall after `after` although its cron time does not: look from a
    // little before, so that a run is never skipped, and never repeat one (strictly after).
    std::int64_t from = after - kMaxCronJitter - 60;
    for (int guard = 0; guard < 200000; ++guard) {
      auto fire = cron->next_after(from);
      if (!fire) return std::nullopt;
      auto following = cron->next_after(*fire);
      const std::int64_t gap = following ? *following - *fire : kMaxCronJitter * 10;
      const auto jitter = static_cast<std::int64_t>(
          fraction * static_cast<double>(std::min(gap / 10, kMaxCronJitter)));
      if (*fire + jitter > after) return *fire + jitter;
      from = *fire;
    }
    return std::nullopt;
  }
  const auto period = std::get<Period>(rule_);
  auto [start, end] = period_around(period, after);
  for (int i = 0; i < 2; ++i) {
    const auto due = start + static_cast<std::int64_t>(fraction * static_cast<double>(end - start));
    if (due > after) return due;
    std::tie(start, end) = period_around(period, end);
  }
  return std::nullopt;  // unreachable: the next period's run is always later
}

}  // namespace baseline::observatory
