// SPDX-License-Identifier: Apache-2.0
// When a list is scanned again: weekly, monthly, quarterly, or a cron expression, with a
// per-list jitter so that a thousand lists on "monthly" do not all start on the 1st at 00:00.
//
// Jitter is deterministic from the list's id (the same list always gets the same offset, across
// restarts and servers) and spread across the whole period: a weekly list runs at a fixed moment
// of the week (Monday 00:00 UTC + offset), a monthly one at a fixed fraction of the month, a
// quarterly one at a fixed fraction of the quarter. A cron expression names the moment itself, so
// it is moved only a little: by up to a tenth of the gap to its following run, at most an hour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.h"
#include "observatory/cron.h"

namespace baseline::observatory {

enum class Period { kWeekly, kMonthly, kQuarterly };

class Recurrence {
 public:
  // "weekly", "monthly", "quarterly" or a five-field cron expression.
  static core::Result<Recurrence> parse(std::string_view text);

  // The first run strictly after `after` (Unix seconds) for the list `list_id`; nothing when a
  // cron expression never fires again.
  std::optional<std::int64_t> next_due(std::int64_t after, std::int64_t list_id) const;

  // The text to store and show: "weekly", … or the normalised cron expression.
  std::string text() const;

 private:
  std::variant<Period, CronExpression> rule_ = Period::kMonthly;
};

// A fraction in [0, 1) fixed by the list's id, evenly spread over ids (a 64-bit mix, so that
// consecutive ids land far apart).
double list_jitter_fraction(std::int64_t list_id);

}  // namespace baseline::observatory
