// SPDX-License-Identifier: Apache-2.0
// Changing an account's lists from the pages. The store's list names are unique across the
// store, so a list made in the pages is stored as "ACCOUNT:NAME" (the command line reaches it as
// `--list 7:gov`); the pages show NAME. Every change checks in SQL that the account owns the list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/list_file.h"
#include "core/result.h"
#include "store/store.h"

namespace baseline::observatory {

inline constexpr std::size_t kMaxListNameBytes = 100;

// The name the pages show for a stored list name.
std::string shown_list_name(const std::string& stored);
// The stored name of an account's list; an error for an empty, too long or control-character name.
core::Result<std::string> stored_list_name(std::int64_t owner, const std::string& shown);

// Creates the account's list with its entries and scan type; returns its id. An error when the
// account already has a list of that name.
core::Result<std::int64_t> create_owned_list(store::Store& store, std::int64_t owner,
                                             const std::string& shown,
                                             const std::vector<core::ListEntry>& entries,
                                             const std::string& scan_type);
core::Result<std::vector<core::ListEntry>> list_entries(store::Store& store, std::int64_t list_id);
// Replaces the owned list's entries (old scans keep theirs).
core::Result<bool> replace_entries(store::Store& store, std::int64_t owner, std::int64_t list_id,
                                   const std::vector<core::ListEntry>& entries);
core::Result<bool> rename_list(store::Store& store, std::int64_t owner, std::int64_t list_id,
                               const std::string& shown);
// Deletes the list with its scans, results, schedule, links and notices; false when the account
// does not own it.
core::Result<bool> delete_list(store::Store& store, std::int64_t owner, std::int64_t list_id);

}  // namespace baseline::observatory
