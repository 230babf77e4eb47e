// SPDX-License-Identifier: Apache-2.0
// Which check families of the tests this process runs have finished, for the live progress of
// /test/{id} and /api/v1/tests/{id}. Written by the test runner's event loops, read by the HTTP
// loop: thread-safe. Bounded: a test is forgotten when it ends, and at most kMaxTests are held
// (the oldest first), so a flood of tests cannot grow it. Tests run by another process (a
// `scan --worker --web-queue` on PostgreSQL) are not on this board; their pages show the test as
// running without per-family detail.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace baseline::server {

class ProgressBoard {
 public:
  static constexpr std::size_t kMaxTests = 10000;

  void family_finished(const std::string& test, std::string_view family);
  void forget(const std::string& test);
  // The families of `test` that have finished, in the order they did.
  std::vector<std::string> finished_families(const std::string& test) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::string>> finished_;
  std::deque<std::string> order_;  // first appearance of each test, to drop the oldest
};

}  // namespace baseline::server
