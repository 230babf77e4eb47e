// SPDX-License-Identifier: Apache-2.0
#include "observatory/cron.h"

#include <array>
#include <charconv>
#include <chrono>
#include <vector>

namespace baseline::observatory {

namespace {

// Longer input is not a cron expression someone typed.
constexpr std::size_t kMaxLength = 256;

constexpr std::array<std::string_view, 12> kMonthNames{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kDayNames{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};

struct FieldRule {
  std::string_view name;
  int low, high;
  const std::string_view* names = nullptr;  // names[i] stands for low + i... see value_of
  std::size_t name_count = 0;
  int name_base = 0;  // the value of names[0]
};

std::optional<int> value_of(std::string_view token, const FieldRule& rule) {
  if (token.empty()) return std::nullopt;
  if (rule.names != nullptr && token.size() == 3) {
    std::string lower;
    for (char c : token) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t i = 0; i < rule.name_count; ++i) {
      if (rule.names[i] == lower) return rule.name_base + static_cast<int>(i);
    }
  }
  int value = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == by) {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Sets the values `field` selects in `out` (index = value). Returns an error message or "".
template <std::size_t N>
std::string parse_field(std::string_view field, const FieldRule& rule, std::bitset<N>& out,
                        bool& restricted) {
  restricted = field != "*";
  for (auto part : split(field, ',')) {
    int step = 1;
    if (auto slash = part.find('/'); slash != std::string_view::npos) {
      auto parsed = value_of(part.substr(slash + 1), FieldRule{rule.name, 1, rule.high});
      if (!parsed || *parsed < 1 || *parsed > rule.high) {
        return "bad step in '" + std::string(part) + "'";
      }
      step = *parsed;
      part = part.substr(0, slash);
    }
    int first = rule.low, last = rule.high;
    if (part != "*") {
      const auto dash = part.find('-');
      auto a = value_of(part.substr(0, dash), rule);
      auto b = dash == std::string_view::npos ? a : value_of(part.substr(dash + 1), rule);
      if (!a || !b) return "'" + std::string(part) + "' is not a value";
      first = *a;
      // A single value with a step runs from it to the end (crontab: `5/15` is `5-59/15`).
      last = dash == std::string_view::npos && step > 1 ? rule.high : *b;
    }
    if (first < rule.low || last > rule.high || first > last) {
      return "'" + std::string(part) + "' is outside " + std::to_string(rule.low) + "–" +
             std::to_string(rule.high);
    }
    for (int v = first; v <= last; v += step) out.set(static_cast<std::size_t>(v));
  }
  return "";
}

}  // namespace

core::Result<CronExpression> CronExpression::parse(std::string_view text) {
  if (text.size() > kMaxLength) return core::make_error("cron expression: too long");
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const auto start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  if (fields.size() != 5) {
    return core::make_error(
        "cron expression: expected 5 fields (minute hour day month weekday), "
        "found " +
        std::to_string(fields.size()));
  }
  CronExpression e;
  bool unused = false;
  const FieldRule minute{"minute", 0, 59}, hour{"hour", 0, 23}, day{"day of month", 1, 31};
  const FieldRule month{"month", 1, 12, kMonthNames.data(), kMonthNames.size(), 1};
  // 7 is Sunday too: parsed into 0–7, then folded.
  const FieldRule weekday{"day of week", 0, 7, kDayNames.data(), kDayNames.size(), 0};
  std::bitset<8> weekdays;
  std::string problem;
  if (problem = parse_field(fields[0], minute, e.minutes_, unused); !problem.empty()) {
    return core::make_error("cron expression: minute: " + problem);
  }
  if (problem = parse_field(fields[1], hour, e.hours_, unused); !problem.empty()) {
    return core::make_error("cron expression: hour: " + problem);
  }
  if (problem = parse_field(fields[2], day, e.days_, e.days_restricted_); !problem.empty()) {
    return core::make_error("cron expression: day of month: " + problem);
  }
  if (problem = parse_field(fields[3], month, e.months_, unused); !problem.empty()) {
    return core::make_error("cron expression: month: " + problem);
  }
  if (problem = parse_field(fields[4], weekday, weekdays, e.weekdays_restricted_);
      !problem.empty()) {
    return core::make_error("cron expression: day of week: " + problem);
  }
  for (std::size_t d = 0; d < 7; ++d) e.weekdays_[d] = weekdays[d];
  if (weekdays[7]) e.weekdays_.set(0);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    e.text_ += (f ? " " : "") + std::string(fields[f]);
  }
  return e;
}

bool CronExpression::day_matches(int day, int month, int weekday) const {
  if (!months_[static_cast<std::size_t>(month)]) return false;
  const bool by_day = days_[static_cast<std::size_t>(day)];
  const bool by_weekday = weekdays_[static_cast<std::size_t>(weekday)];
  if (days_restricted_ && weekdays_restricted_) return by_day || by_weekday;
  return by_day && by_weekday;
}

std::optional<std::int64_t> CronExpression::next_after(std::int64_t after) const {
  using namespace std::chrono;
  // Start at the next whole minute.
  const std::int64_t start = (after / 60 + 1) * 60;
  const sys_days first_day{floor<days>(sys_seconds{seconds{start}})};
  const auto start_of_first = duration_cast<seconds>(first_day.time_since_epoch()).count();
  int from_minute_of_day = static_cast<int>((start - start_of_first) / 60);
  constexpr int kDaysSearched = 5 * 366 + 1;
  for (int offset = 0; offset < kDaysSearched; ++offset, from_minute_of_day = 0) {
    const sys_days day = first_day + days{offset};
    const year_month_day date{day};
    const int day_of_week = static_cast<int>(std::chrono::weekday(day).c_encoding());
    if (!day_matches(static_cast<int>(static_cast<unsigned>(date.day())),
                     static_cast<int>(static_cast<unsigned>(date.month())), day_of_week)) {
      continue;
    }
    for (int m = from_minute_of_day; m < 24 * 60; ++m) {
      if (hours_[static_cast<std::size_t>(m / 60)] && minutes_[static_cast<std::size_t>(m % 60)]) {
        return duration_cast<seconds>(day.time_since_epoch()).count() + std::int64_t{m} * 60;
      }
    }
  }
  return std::nullopt;
}

}  // namespace baseline::observatory
