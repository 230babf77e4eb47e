// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: turning stored results into the batch API's result shapes. A stored result
// is Baseline's own JSON, but a damaged or old store must not make a reply throw or crash:
// any JSON value gives a domain object with a status, for both request types.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "batch/domain_results.h"
#include "batch/technical_results.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baseline::batch;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Depth-limited parse: stored results are shallow (the real ones nest about 8 deep).
  const auto stored = nlohmann::json::parse(
      text, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) { return depth < 32; },
      false);
  if (stored.is_discarded()) return 0;
  for (auto type : {RequestType::kWeb, RequestType::kMail}) {
    const auto results = domain_results(stored, type, "https://baseline.example/t/1");
    const auto status = results.at("status");
    if (status != "ok" && status != "error") std::abort();
    if (status == "ok" && !is_test_result(stored)) std::abort();
    (void)results.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto technical = technical_results(stored, type);
    if (technical.at("status") != status) std::abort();
    (void)technical.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  (void)domain_key(stored, "example.nl");
  return 0;
}
