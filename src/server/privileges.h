// SPDX-License-Identifier: Apache-2.0
// Dropping root: `serve --user NAME` opens its socket as root, then becomes NAME for good.
#pragma once

#include <string>

#include "core/result.h"

namespace baseline::server {

// Switches the process to the user's uid, gid and no supplementary groups; an error when the user
// is unknown or the switch fails (the server must not go on as root by mistake).
core::Result<bool> drop_privileges(const std::string& user);

}  // namespace baseline::server
