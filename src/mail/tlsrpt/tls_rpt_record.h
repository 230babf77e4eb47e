// SPDX-License-Identifier: Apache-2.0
// SMTP TLS Reporting policy records (RFC 8460 §3): "v=TLSRPTv1; rua=…".
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace baseline::mail::tlsrpt {

struct Record {
  std::vector<std::string> report_uris;  // mailto: or https:
};

bool is_tls_rpt_record(std::string_view text);
core::Result<Record> parse_record(std::string_view text);

}  // namespace baseline::mail::tlsrpt
