// SPDX-License-Identifier: Apache-2.0
// The digest e-mail to a list's owner after a scheduled scan: the list, the scan's date, the
// domains that regressed and improved since the previous scan of the list (with the standards
// that changed), the counts, and the link to the report. Plain text and HTML in one
// multipart/alternative message, written by the notices' composer (message.h): the list name and
// domains are outside text, cleaned and bounded, HTML-escaped in the HTML part and encoded in
// the Subject, so a list name cannot add a header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "notices/message.h"
#include "observatory/scan_report.h"

namespace baseline::notices {

inline constexpr std::size_t kDigestDomainsShown = 200;  // per section; the rest are counted

struct DigestContent {
  std::string list;  // the owner's list name (outside text)
  std::int64_t scan = 0;
  std::string scan_date;           // YYYY-MM-DD
  std::int64_t compared_with = 0;  // the previous scan; 0: this is the list's first scan
  std::string report_url;          // checked with safe_url
  std::string account_url;         // where the owner turns digests off; checked with safe_url
  std::string sender, sender_name, recipient;  // checked addresses (sender_name: outside text)
  struct DomainChange {
    std::string domain;
    std::vector<std::string> standards;  // the standard ids that changed in that direction
  };
  std::vector<DomainChange> regressed, improved;
  int domains = 0, unchanged = 0, added = 0;
};

// The regressed and improved domains and the counts of a report compared with an earlier scan
// (observatory::build_scan_report), in the order of the report's rows.
void add_changes(DigestContent& content, const observatory::ScanReport& report);

std::string digest_subject(const DigestContent& content);

core::Result<ComposedMessage> compose_digest(const DigestContent& content, std::int64_t now_unix,
                                             const std::string& unique);

}  // namespace baseline::notices
