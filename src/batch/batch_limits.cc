// SPDX-License-Identifier: Apache-2.0
#include "batch/batch_limits.h"

#include <string>

namespace baseline::batch {

std::optional<ApiError> check_running_requests(const BatchLimits& limits, std::size_t running) {
  if (running < limits.max_running_requests) return std::nullopt;
  return too_many_requests("At most " + std::to_string(limits.max_running_requests) +
                           " requests may be unfinished at once; wait for one to finish or "
                           "cancel one.");
}

}  // namespace baseline::batch
