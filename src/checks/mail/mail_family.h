// SPDX-License-Identifier: Apache-2.0
// The mail.* family: MX discovery once, then every mail check that this build implements.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <vector>

#include "checks/context.h"

namespace baseline::checks {

boost::asio::awaitable<std::vector<core::CheckResult>> run_mail_checks(const CheckContext& context);

}  // namespace baseline::checks
