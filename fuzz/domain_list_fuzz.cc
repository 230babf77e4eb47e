// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: `baseline scan` list files (plain or CSV, possibly stdin from anywhere). Every
// accepted entry must be a normalised domain that parses again to itself, listed once, and every
// line must be accounted for.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

#include "core/domain_name.h"
#include "core/list_file.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  const auto list = baseline::core::parse_domain_list(in);
  std::set<std::string> seen;
  std::size_t last_line = 0;
  for (const auto& entry : list.entries) {
    auto again = baseline::core::DomainName::parse(entry.domain);
    if (!again || again->ascii() != entry.domain) std::abort();
    if (!seen.insert(entry.domain).second) std::abort();
    if (entry.line <= last_line) std::abort();  // file order, one entry per line
    last_line = entry.line;
  }
  if (list.problems.size() > baseline::core::kMaxKeptProblems) std::abort();
  if (list.problem_count < list.problems.size()) std::abort();
  std::vector<std::string> fields;
  (void)baseline::core::split_csv_line(text, fields);
  return 0;
}
