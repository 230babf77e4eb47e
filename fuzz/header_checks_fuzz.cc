// SPDX-License-Identifier: Apache-2.0
// Fuzzes every security-header check of src/checks/web/headers/: each judge gets the input as
// the value of its own header, alone and beside every other judged header. Beyond not crashing:
// each gives one result with its own ID, the target it was given, a pass or warn verdict (a
// header is never an error or a fail) and a summary for people.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "checks/web/headers/header_check.h"

namespace {
using baseline::checks::web_headers::HeaderCheck;
using baseline::checks::web_headers::HeaderFields;

void judge_and_verify(const HeaderCheck& check, const HeaderFields& fields) {
  const auto result = check.judge(fields, "192.0.2.1:443");
  if (result.id != check.id.view() || result.target != "192.0.2.1:443") std::abort();
  if (result.verdict != baseline::core::Verdict::kPass &&
      result.verdict != baseline::core::Verdict::kWarn) {
    std::abort();
  }
  if (result.summary.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string value(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> every;
  for (const auto* check : baseline::checks::web_headers::header_checks()) {
    every.emplace_back(std::string(check->header), value);
  }
  for (const auto* check : baseline::checks::web_headers::header_checks()) {
    const std::vector<std::pair<std::string, std::string>> alone{
        {std::string(check->header), value}};
    judge_and_verify(*check, HeaderFields{alone});
    judge_and_verify(*check, HeaderFields{every});
  }
  return 0;
}
