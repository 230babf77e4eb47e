// SPDX-License-Identifier: Apache-2.0
// The coroutine runner of the tests lives in net/testing/run.h (it needs no DNS); this name is
// kept for the DNS layer's tests and those above it.
#pragma once

#include "net/testing/run.h"

namespace baseline::dns::testing {
using net::testing::run;
}  // namespace baseline::dns::testing
