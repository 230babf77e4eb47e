// SPDX-License-Identifier: Apache-2.0
// DMARC policy records (RFC 7489 §6.3-6.4, with np from RFC 9091 and psd/t from DMARCbis):
// strict parsing of everything a receiver acts on, with each problem named.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace baseline::mail::dmarc {

enum class Policy { kNone, kQuarantine, kReject };
std::string_view to_string(Policy policy);

struct ReportUri {
  std::string uri;             // as written, without the size limit
  std::string mailbox_domain;  // the domain of a mailto: address, lower-cased; empty otherwise
};

struct Record {
  Policy policy = Policy::kNone;
  std::optional<Policy> subdomain_policy;    // sp
  std::optional<Policy> nonexistent_policy;  // np (RFC 9091)
  int percent = 100;                         // pct
  bool testing = false;                      // t=y (DMARCbis)
  std::optional<char> psd;                   // psd=y/n/u (DMARCbis)
  char dkim_alignment = 'r';                 // adkim
  char spf_alignment = 'r';                  // aspf
  std::vector<ReportUri> aggregate_reports;  // rua
  std::vector<ReportUri> failure_reports;    // ruf
};

// True for a TXT string that begins with the DMARC version tag "v=DMARC1" (§6.4: it must come
// first, exactly so spelled).
bool is_dmarc_record(std::string_view text);
core::Result<Record> parse_record(std::string_view text);

}  // namespace baseline::mail::dmarc
