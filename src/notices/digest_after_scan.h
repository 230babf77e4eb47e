// SPDX-License-Identifier: Apache-2.0
// The digest after a scheduled scan: one of the scan service's after-scan actions (registered in
// app/serve_command.cc), so it runs once per scan. It goes to the list's owner (an account) at
// the account's e-mail address, compared with the previous finished scan of the list, unless the
// account opted out, has no address, or the list belongs to nobody (the command line's). Scans
// started with "scan now" get no digest: the owner is watching them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "notices/transport.h"
#include "store/store.h"

namespace baseline::notices {

struct DigestSettings {
  std::string sender;  // checked address; "" sends no digest
  std::string sender_name = "Baseline";
  std::string public_url;  // the server's base URL, for the report and account links
  std::function<std::unique_ptr<Transport>()> transport;
  std::function<std::int64_t()> now_unix;
};

struct DigestOutcome {
  std::string what;  // "sent", "no owner", "opted out", "no address", "no sender", "not sent"
  std::string to;
  std::string detail;  // the transport's reply
};

// Errors are the store's; a refused delivery is an outcome ("not sent"), logged by the caller.
core::Result<DigestOutcome> digest_after_scan(store::Store& store, const std::string& list,
                                              std::int64_t scan, const DigestSettings& settings);

std::string digest_line(const std::string& list, std::int64_t scan, const DigestOutcome& outcome);

}  // namespace baseline::notices
