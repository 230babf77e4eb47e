// SPDX-License-Identifier: Apache-2.0
// ErrorCode: what kind of failure a core::Error reports, for the callers that act on the kind
// (a timeout is "could not find out", a refused connection is "no listener", an unknown name is
// a 404). The message stays for people; no code branches on its text.
#pragma once

namespace baseline::core {

enum class ErrorCode {
  kUnspecified,    // only the message says what happened
  kTimedOut,       // no (complete) answer within the time allowed
  kConnectFailed,  // the TCP connection could not be made (refused, unreachable, reset)
  kNotFound,       // what was asked for does not exist (an unknown list)
  kIncomplete,     // what was asked for is not complete enough for the operation
};

}  // namespace baseline::core
