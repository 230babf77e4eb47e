// SPDX-License-Identifier: Apache-2.0
// Progress of a scan on stderr: on a terminal a bar redrawn in place with rate and ETA; otherwise
// (a log file, CI) one plain line every `interval`, so logs stay readable.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace baseline::scan {

class ProgressMeter {
 public:
  // `total` domains in the scan, `done_before` of them finished by earlier runs or other workers.
  ProgressMeter(std::ostream& out, bool terminal, std::size_t total, std::size_t done_before,
                std::chrono::seconds interval = std::chrono::seconds(10));
  // Called often; draws when it is time to. `done_now` counts this process's stored domains.
  void update(std::size_t done_now);
  void finish(std::size_t done_now);

  // "[#####-----]  512/1000  51.2%  48.3 domains/s  ETA 10s" — exposed for tests.
  static std::string line(std::size_t done, std::size_t total, double rate, bool bar);

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  bool terminal_;
  std::size_t total_, done_before_;
  std::chrono::seconds interval_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace baseline::scan
