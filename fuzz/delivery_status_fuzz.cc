// SPDX-License-Identifier: Apache-2.0
// Fuzzes the reader of delivery status notifications (notices/delivery_status.h): anyone can
// mail the notices' sender. Beyond not crashing: what an accepted report yields is bounded and
// printable — a bounce tag of 32 hex digits or none, a Message-ID without spaces or controls, a
// recipient and diagnostic without control characters and within their bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "notices/bounce_address.h"
#include "notices/delivery_status.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool no_controls(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto failure = baseline::notices::parse_delivery_status(input);
  if (failure) {
    require(failure->bounce_tag.empty() || failure->bounce_tag.size() == 32);
    require(!failure->bounce_tag.empty() || !failure->message_id.empty());
    require(failure->message_id.size() <= 250);
    for (unsigned char c : failure->message_id) require(c > 0x20 && c < 0x7f);
    // printable(): the bound, one escape past it (\xNN) and the ellipsis.
    require(no_controls(failure->recipient) && failure->recipient.size() <= 254 + 4 + 3);
    require(no_controls(failure->diagnostic) && failure->diagnostic.size() <= 300 + 4 + 3);
    for (char c : failure->status) require((c >= '0' && c <= '9') || c == '.');
    require(failure->status.size() <= 11);
  }
  if (auto tag = baseline::notices::bounce_tag(input)) {
    require(tag->tag.size() == 32 && !tag->domain.empty() && tag->domain.size() <= 253);
  }
  return 0;
}
