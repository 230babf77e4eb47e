// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: what the batch routes read from a request besides its body — the query
// string (limit, progress; URL-decoded form values), the {request_id} segment and the CSRF field
// of a form. Any bytes give a value or a bad-request message; decoding never grows the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "accounts/session.h"
#include "batch/batch_request.h"
#include "server/form_fields.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baseline;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto limit = server::form_value(input, "limit");
  const auto progress = server::form_value(input, "progress");
  if (limit.size() > input.size() || progress.size() > input.size()) std::abort();
  const auto query = batch::parse_list_query(
      server::form_has(input, "limit") ? std::optional<std::string_view>(limit) : std::nullopt,
      server::form_has(input, "progress") ? std::optional<std::string_view>(progress)
                                          : std::nullopt);
  if (!query.ok() && query.error().message.empty()) std::abort();
  if (!server::form_has(input, "limit") && query.ok() && query.value().limit != 10) std::abort();

  // The same bytes as a request_id: valid only for [a-zA-Z0-9]{1,35}.
  bool plain = !input.empty() && input.size() <= 35;
  for (char c : input) {
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }
  if (batch::valid_request_id(input) != plain) std::abort();

  // A form's CSRF field never matches an empty session token, and matches its own value.
  const auto sent = server::form_value(input, accounts::kCsrfField);
  if (accounts::csrf_valid("", sent)) std::abort();
  if (!sent.empty() && !accounts::csrf_valid(sent, sent)) std::abort();
  return 0;
}
