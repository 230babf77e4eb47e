// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the batch API's request bodies (POST /requests, PATCH /requests/{id}) — JSON
// of any shape from any client. Every body gives a typed request or a 400 bad-request; accepted
// domains are normalised, unique, sorted and within the limit; the reply always serialises.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "batch/register_body.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baseline::batch;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  BatchLimits limits;
  limits.max_domains_per_request = 50;  // small, so that the bound is reached often
  limits.max_body_bytes = 64 * 1024;
  const auto parsed = parse_register_body(body, limits);
  if (const auto* error = std::get_if<ApiError>(&parsed)) {
    if (error->http_status != 400 || error->label != "bad-request" || error->msg.empty())
      std::abort();
    (void)error_body(*error).dump();
  } else {
    const auto& request = std::get<RegisterRequest>(parsed);
    const auto& domains = request.domains.domains;
    if (domains.empty() || domains.size() > limits.max_domains_per_request) std::abort();
    if (domains.size() + request.domains.rejected.size() > limits.max_domains_per_request)
      std::abort();
    for (std::size_t i = 0; i < domains.size(); ++i) {
      auto again = baseline::core::DomainName::parse(domains[i].ascii());
      if (!again || again->ascii() != domains[i].ascii()) std::abort();
      if (i > 0 && !(domains[i - 1] < domains[i])) std::abort();  // sorted and unique
    }
    for (const auto& r : request.domains.rejected) {
      if (r.reason.empty() || r.input.size() > kMaxShownInput + 3) std::abort();
    }
    BatchRequest shown;
    shown.name = request.name;
    shown.type = request.type;
    (void)envelope(register_reply(shown, request.domains)).dump();  // throws on bad UTF-8
  }
  const auto patch = parse_patch_body(body);
  if (patch.ok() && patch.value() != RequestStatus::kCancelled) std::abort();
  return 0;
}
