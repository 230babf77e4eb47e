// SPDX-License-Identifier: Apache-2.0
// Read-only public links to one scan's report. The token is 256 random bits (accounts::
// random_secret), shown once to the owner; the store keeps only its digest, so a copy of the
// database opens no report. The owner revokes a link: from then on it answers "not found" like a
// token that never existed. Only the owner of the scan's list can make or revoke its links.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace baseline::observatory {

struct PublicLink {
  std::string token;  // only when just made: afterwards the store knows the digest alone
  std::string digest;
  std::int64_t scan = 0;
  std::string created;
  bool revoked = false;
};

// A new link to `scan`; an error when `owner` does not own the scan's list.
core::Result<PublicLink> publish_scan(store::Store& store, std::int64_t owner, std::int64_t scan);
// The owner's links to `scan` (digests only).
core::Result<std::vector<PublicLink>> scan_links(store::Store& store, std::int64_t owner,
                                                 std::int64_t scan);
// false: no live link with this digest of the owner's.
core::Result<bool> revoke_link(store::Store& store, std::int64_t owner, const std::string& digest);
// The scan a presented token opens, and its list's name; nothing for a malformed, unknown or
// revoked token.
struct PublicScan {
  std::int64_t scan = 0;
  std::string list;
  std::int64_t owner = 0;
};
core::Result<std::optional<PublicScan>> open_public_link(store::Store& store,
                                                         const std::string& token);

}  // namespace baseline::observatory
