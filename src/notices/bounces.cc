// SPDX-License-Identifier: Apache-2.0
#include "notices/bounces.h"

#include "notices/address.h"
#include "notices/bounce_address.h"
#include "notices/delivery_status.h"
#include "notices/mail_folder.h"

namespace baseline::notices {

core::Result<store::Ok> record_bounce_message(store::Store& store, std::string_view message,
                                              BounceRun& run) {
  auto failure = parse_delivery_status(message);
  if (!failure) {
    ++run.not_reports;
    return true;
  }
  std::string reason = "bounced";
  if (!failure->status.empty()) reason += " " + failure->status;
  if (!failure->recipient.empty()) reason += " for " + failure->recipient;
  if (!failure->diagnostic.empty()) reason += ": " + failure->diagnostic;
  // The bounce address first (it is the envelope's), then the returned Message-ID.
  std::vector<std::string> candidates;
  if (!failure->bounce_tag.empty())
    candidates.push_back(message_id_of({failure->bounce_tag, failure->bounce_domain}));
  if (!failure->message_id.empty()) candidates.push_back(failure->message_id);
  for (const auto& id : candidates) {
    auto notice = store.record_bounce(id, reason);
    if (!notice) return notice.error();
    if (!*notice) continue;
    ++run.recorded;
    run.lines.push_back((*notice)->list + "  " + (*notice)->domain + "  " +
                        printable((*notice)->recipient) + "  " + (*notice)->state + "  " +
                        printable(reason, 400));
    return true;
  }
  ++run.unmatched;
  return true;
}

core::Result<BounceRun> record_bounces(store::Store& store, const std::string& kind,
                                       const std::string& path) {
  BounceRun run;
  std::optional<core::Error> failed;
  auto each = [&](std::string_view message) {
    if (failed) return;
    if (auto r = record_bounce_message(store, message, run); !r) failed = r.error();
  };
  auto count = kind == "maildir" ? read_maildir(path, each) : read_mbox(path, each);
  if (!count) return count.error();
  if (failed) return *failed;
  run.messages = count->messages;
  run.too_large = count->too_large;
  return run;
}

}  // namespace baseline::notices
