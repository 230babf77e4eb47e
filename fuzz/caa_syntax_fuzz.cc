// SPDX-License-Identifier: Apache-2.0
// Fuzzes the RFC 8659 CAA property grammar with arbitrary flags, tags and values, as they would
// arrive in CAA RDATA. Beyond not crashing: a record without problems has a tag of 1-15
// alphanumerics, and a valid issue value stays valid with whitespace around it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "checks/dns/caa_syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  baseline::dns::CaaData record;
  record.flags = data[0];
  const std::size_t tag_length = data[1] % 20;
  if (size < 2 + tag_length) return 0;
  record.tag.assign(reinterpret_cast<const char*>(data + 2), tag_length);
  record.value.assign(reinterpret_cast<const char*>(data + 2 + tag_length), size - 2 - tag_length);

  auto problems = baseline::checks::dns_family::caa_record_problems(record);
  if (problems.empty() && (record.tag.empty() || record.tag.size() > 15)) std::abort();
  if (baseline::checks::dns_family::is_valid_issue_value(record.value) &&
      !baseline::checks::dns_family::is_valid_issue_value(" " + record.value + " ")) {
    std::abort();
  }
  return 0;
}
