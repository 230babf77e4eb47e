// SPDX-License-Identifier: Apache-2.0
// Delivery status notifications (RFC 3464, in a multipart/report of RFC 6522) that come back to
// the notices' sender: which notice failed, for whom, and why. The message is outside input —
// anyone can mail the sender — so it is read bounded (size, fields, parts, lengths), never
// trusted beyond naming a notice by its Message-ID or its bounce address, and only a recipient
// whose Action is `failed` counts (delayed, delivered, relayed and expanded are not bounces).
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baseline::notices {

inline constexpr std::size_t kMaxNotificationBytes = 1024 * 1024;

struct DeliveryFailure {
  std::string bounce_tag;  // from the address the notification was sent to (bounce_address.h)
  std::string bounce_domain;
  std::string message_id;  // from the returned headers of the notice, without <>
  std::string recipient;   // Final-Recipient (or Original-Recipient), printable
  std::string status;      // RFC 3463, e.g. "5.1.1"; "" when missing or malformed
  std::string diagnostic;  // Diagnostic-Code, printable, at most 300 bytes
};

// Errors: too large, not a multipart/report of report-type delivery-status, no message/
// delivery-status part, no recipient that failed, nothing that names the notice.
core::Result<DeliveryFailure> parse_delivery_status(std::string_view message);

}  // namespace baseline::notices
