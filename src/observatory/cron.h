// SPDX-License-Identifier: Apache-2.0
// Cron expressions of five fields (minute hour day-of-month month day-of-week), in UTC, as in
// crontab(5): `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b`, month names
// jan–dec and day names sun–sat, 0 or 7 for Sunday. When both day fields are restricted, a day
// matching either runs (crontab's rule). The `@` shortcuts are not accepted: the schedule offers
// weekly, monthly and quarterly itself.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace baseline::observatory {

class CronExpression {
 public:
  // Parses `text`; an error names the field and what is wrong with it.
  static core::Result<CronExpression> parse(std::string_view text);

  // The first time strictly after `after` (Unix seconds, UTC) at which the expression fires, or
  // nothing when it never does within five years (e.g. `0 0 31 2 *`).
  std::optional<std::int64_t> next_after(std::int64_t after) const;

  const std::string& text() const { return text_; }

 private:
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1–31
  std::bitset<13> months_;   // 1–12
  std::bitset<7> weekdays_;  // 0 Sunday – 6 Saturday
  bool days_restricted_ = false, weekdays_restricted_ = false;
  std::string text_;

  bool day_matches(int day, int month, int weekday) const;
};

}  // namespace baseline::observatory
