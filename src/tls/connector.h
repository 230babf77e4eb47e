// SPDX-License-Identifier: Apache-2.0
// Connector: how a TLS probe gets its TCP connection. Empty means a plain connect to the target's
// endpoint (HTTPS); mail hands in one that speaks SMTP up to STARTTLS first, through the mail
// server's politeness gate. The connector applies its own deadlines.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>

#include "core/result.h"

namespace baseline::tls {

using Connector =
    std::function<boost::asio::awaitable<core::Result<boost::asio::ip::tcp::socket>>()>;

}  // namespace baseline::tls
