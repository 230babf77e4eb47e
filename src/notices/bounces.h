// SPDX-License-Identifier: Apache-2.0
// Bounces that arrive later: each delivery status notification read from the sender's mailbox
// (mail_folder.h) is parsed (delivery_status.h) and matched to the notice it names — by the
// bounce address it came back to, else by the returned Message-ID — whose `sent` entry in the
// store becomes `bounced` with the status and diagnostic. A notification that names no notice
// of this store is counted, never acted on.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace baseline::notices {

struct BounceRun {
  std::size_t messages = 0;        // read from the folder
  std::size_t too_large = 0;       // skipped unread
  std::size_t not_reports = 0;     // not a delivery status notification that failed a recipient
  std::size_t recorded = 0;        // notices now (or already) bounced
  std::size_t unmatched = 0;       // name no notice of this store
  std::vector<std::string> lines;  // one per notification that named a notice, for people
};

// One message: records it when it is a bounce of a known notice. Errors are the store's.
core::Result<store::Ok> record_bounce_message(store::Store& store, std::string_view message,
                                              BounceRun& run);

// `kind` "maildir" or "mbox".
core::Result<BounceRun> record_bounces(store::Store& store, const std::string& kind,
                                       const std::string& path);

}  // namespace baseline::notices
