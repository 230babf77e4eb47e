// SPDX-License-Identifier: Apache-2.0
#include "notices/digest_after_scan.h"

#include <chrono>
#include <optional>

#include "notices/address.h"
#include "notices/digest.h"
#include "notices/message.h"
#include "observatory/list_edit.h"
#include "observatory/list_owner.h"
#include "store/account_store.h"

namespace baseline::notices {

core::Result<DigestOutcome> digest_after_scan(store::Store& store, const std::string& list,
                                              std::int64_t scan, const DigestSettings& s) {
  DigestOutcome out;
  if (s.sender.empty()) {
    out.what = "no sender";
    return out;
  }
  auto owned = observatory::find_list(store, list);
  if (!owned) return owned.error();
  if (!*owned || (*owned)->owner == 0) {
    out.what = "no owner";
    return out;
  }
  const auto owner = (*owned)->owner;
  auto* sql = store.sql();
  if (sql == nullptr) return core::make_error("this store keeps no accounts");
  store::AccountStore accounts(*sql);
  auto opted_out = accounts.digest_opted_out(owner);
  if (!opted_out) return opted_out.error();
  if (*opted_out) {
    out.what = "opted out";
    return out;
  }
  auto email = accounts.email(owner);
  if (!email) return email.error();
  auto address = check_address(*email);
  if (email->empty() || !address) {
    out.what = "no address";
    return out;
  }
  out.to = *address;

  // The previous finished scan of the list, if any.
  auto scans = store.scans(list);
  if (!scans) return scans.error();
  const store::ScanInfo* info = nullptr;
  std::optional<std::int64_t> previous;
  for (const auto& it : *scans) {
    if (it.id == scan) info = &it;
    if (it.id < scan && !it.finished.empty() && (!previous || it.id > *previous)) {
      previous = it.id;
    }
  }
  if (info == nullptr) return core::make_error("no scan " + std::to_string(scan) + " of " + list);
  const auto date = info->started.substr(0, 10);
  auto report = observatory::build_scan_report(store, list, scan, previous, owner, date);
  if (!report) return report.error();

  DigestContent c;
  c.list = observatory::shown_list_name(list);  // the pages' NAME of ACCOUNT:NAME
  c.scan = scan;
  c.scan_date = date;
  c.compared_with = previous.value_or(0);
  auto base = s.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  c.report_url = base + "/scans/" + std::to_string(scan) +
                 (previous ? "?compare=" + std::to_string(*previous) : std::string());
  c.account_url = base + "/account";
  c.sender = s.sender;
  c.sender_name = s.sender_name;
  c.recipient = *address;
  add_changes(c, *report);
  const auto now = s.now_unix ? s.now_unix()
                              : std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
  auto message = compose_digest(c, now, random_hex(16));
  if (!message) return message.error();
  if (!s.transport) return core::make_error("no way to send mail was configured");
  auto transport = s.transport();
  const auto delivery = transport->deliver(s.sender, *address, message->data);
  out.what = delivery.outcome == Delivery::Outcome::kSent ? "sent" : "not sent";
  out.detail = delivery.detail;
  return out;
}

std::string digest_line(const std::string& list, std::int64_t scan, const DigestOutcome& o) {
  std::string line = "digest after scan " + std::to_string(scan) + " of " + list + ": " + o.what;
  if (!o.to.empty()) line += " to " + o.to;
  if (!o.detail.empty()) line += " (" + printable(o.detail) + ")";
  return line;
}

}  // namespace baseline::notices
