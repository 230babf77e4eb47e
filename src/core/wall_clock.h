// SPDX-License-Identifier: Apache-2.0
// WallClock: the time of day as the checks read it (certificate and security.txt expiry, the SPF
// %{t} macro), injected so that a test can fix it. The steady clock of deadlines is net::Clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace baseline::core {

using WallClock = std::function<std::chrono::system_clock::time_point()>;

inline WallClock system_wall_clock() {
  return [] { return std::chrono::system_clock::now(); };
}

// A clock that always says `unix_seconds` (tests).
inline WallClock fixed_wall_clock(std::int64_t unix_seconds) {
  return [unix_seconds] {
    return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
  };
}

inline std::int64_t unix_seconds(const WallClock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock().time_since_epoch()).count();
}

}  // namespace baseline::core
