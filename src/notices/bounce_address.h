// SPDX-License-Identifier: Apache-2.0
// The envelope sender of a notice (VERP): "local+TAG@domain" of the list's sender, TAG the
// random part of the notice's Message-ID, so that a bounce names the notice by the address it
// comes back to even when the receiving system returns none of the notice's headers. The
// sender's mail system must deliver "local+anything" to "local" (Postfix: recipient_delimiter
// = +). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baseline::notices {

// The sender itself when the tag does not fit the 64 octets of a local part.
std::string bounce_address(const std::string& sender, const std::string& tag);

struct BounceTag {
  std::string tag;     // 32 lower-case hex digits
  std::string domain;  // lower case
};
// The tag of an address written by bounce_address ("<…>" and a display name are allowed around
// it); nullopt for any other address.
std::optional<BounceTag> bounce_tag(std::string_view address);

// The Message-ID (without <>) of the notice whose bounce address had this tag.
std::string message_id_of(const BounceTag& tag);

}  // namespace baseline::notices
