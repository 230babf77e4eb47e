// SPDX-License-Identifier: Apache-2.0
// The machine-wide side of the mail politeness rule (issue 17): a mail server sees one Baseline
// connection at a time even when several processes (scan workers, `serve`, a `test` beside them)
// test domains that share it. Each address of a mail server has a lock file; whoever talks to
// the server holds flock(2) on the files of all its addresses, taken in sorted order so that two
// holders of overlapping address sets cannot wait on each other in a circle. The kernel drops a
// flock when its holder exits or dies, so a killed process never leaves a server locked.
// Waiting polls with LOCK_NB on the caller's executor: no thread ever blocks in flock.
// Not thread-safe (one Hold per coroutine).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <utility>
#include <vector>

#include "net/async.h"

namespace baseline::mail::smtp {

class MachineLock {
 public:
  MachineLock() = default;
  MachineLock(MachineLock&& other) noexcept : fds_(std::exchange(other.fds_, {})) {}
  MachineLock& operator=(MachineLock&& other) noexcept;
  MachineLock(const MachineLock&) = delete;
  MachineLock& operator=(const MachineLock&) = delete;
  ~MachineLock();

  // Files held (0 when the lock directory is not usable: then only the process-wide gate holds).
  std::size_t held() const { return fds_.size(); }

 private:
  friend boost::asio::awaitable<std::pair<MachineLock, bool>> lock_mail_server(
      std::vector<boost::asio::ip::address>, std::string, net::Clock::time_point);
  void release();
  std::vector<int> fds_;
};

// BASELINE_LOCK_DIR, else /run/baseline/mail-servers; below it one directory per network
// namespace.
std::string default_lock_directory();

// Waits (polling) until every address's lock is held, or `deadline` passes: then false, and
// nothing is held. A directory that cannot be created or a file that cannot be opened is skipped.
boost::asio::awaitable<std::pair<MachineLock, bool>> lock_mail_server(
    std::vector<boost::asio::ip::address> addresses, std::string directory,
    net::Clock::time_point deadline);

}  // namespace baseline::mail::smtp
