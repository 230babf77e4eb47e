// SPDX-License-Identifier: Apache-2.0
#include "scan/progress_meter.h"

#include <cmath>
#include <cstdio>

namespace baseline::scan {

namespace {

constexpr int kBarWidth = 30;
// A terminal redraw this often looks live without costing anything.
constexpr std::chrono::milliseconds kTerminalRedraw{250};

std::string duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = std::lround(seconds);
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  } else if (s >= 60) {
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%lds", s);
  }
  return text;
}

}  // namespace

ProgressMeter::ProgressMeter(std::ostream& out, bool terminal, std::size_t total,
                             std::size_t done_before, std::chrono::seconds interval)
    : out_(out),
      terminal_(terminal),
      total_(total),
      done_before_(done_before),
      interval_(interval) {}

std::string ProgressMeter::line(std::size_t done, std::size_t total, double rate, bool bar) {
  const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  std::string text;
  if (bar) {
    const int filled = static_cast<int>(fraction * kBarWidth);
    text = "[" + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(kBarWidth - filled), '-') + "] ";
  }
  char numbers[160];
  const double remaining = static_cast<double>(total - std::min(done, total));
  std::snprintf(numbers, sizeof numbers, "%zu/%zu %5.1f%%  %.1f domains/s  ETA %s", done, total,
                100.0 * fraction, rate, rate > 0 ? duration_text(remaining / rate).c_str() : "?");
  return text + numbers;
}

void ProgressMeter::update(std::size_t done_now) {
  const auto now = Clock::now();
  const auto every = terminal_ ? std::chrono::duration_cast<Clock::duration>(kTerminalRedraw)
                               : std::chrono::duration_cast<Clock::duration>(interval_);
  if (now - last_draw_ < every) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_now) / elapsed : 0;
  const auto text = line(done_before_ + done_now, total_, rate, terminal_);
  if (terminal_) {
    out_ << "\r" << text << "\033[K" << std::flush;
  } else {
    out_ << "scan: " << text << "\n" << std::flush;
  }
}

void ProgressMeter::finish(std::size_t done_now) {
  last_draw_ = {};
  update(done_now);
  if (terminal_) out_ << "\n" << std::flush;
}

}  // namespace baseline::scan
