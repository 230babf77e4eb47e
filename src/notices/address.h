// SPDX-License-Identifier: Apache-2.0
// Addresses Baseline writes notices to, and the Contact values of security.txt (RFC 9116 2.5.3)
// they come from. Both are outside input: a value that is not a plain address or URL — a line
// break (raw or percent-encoded), a control character, a quoted local part, non-ASCII, a header
// field smuggled in a mailto: URI — is refused with a reason, never repaired. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baseline::notices {

inline constexpr std::size_t kMaxAddressLength = 254;  // RFC 5321 4.5.3.1.3 (path less <>)
inline constexpr std::size_t kMaxUrlLength = 2048;

// `local@domain`: a dot-atom local part (RFC 5322 atext, at most 64 octets) and a domain of at
// least two LDH labels (A-labels for IDNs). Returns it with the domain in lower case.
core::Result<std::string> check_address(std::string_view text);

// The domain of a checked address (after the @).
std::string address_domain(const std::string& address);

struct Contact {
  enum class Kind { kMailto, kHttps, kOther };
  Kind kind = Kind::kOther;
  std::string value;  // kMailto: the checked address; kHttps: the URL; kOther: the value
};

// One Contact value of security.txt. mailto: gives its first address (percent-decoded; the
// `?…` header fields of RFC 6068 — cc, bcc, subject, body — are ignored, never used); https:
// gives the URL (printable ASCII, no spaces); tel: and other schemes are kOther. Errors name
// what is wrong ("a line break (CR or LF)", "a control character", …).
core::Result<Contact> parse_contact(std::string_view value);

// A value made printable for logs and summaries: controls as \xNN, at most `limit` bytes.
std::string printable(std::string_view value, std::size_t limit = 200);

}  // namespace baseline::notices
