// SPDX-License-Identifier: Apache-2.0
// Who owns a list and what its scans run. A list made by `baseline scan` has no settings row: it
// belongs to nobody (owner 0), is seen by the command line only, and its scans run every family.
// Lists made in the pages belong to the account that made them; every page query filters on the
// owner in SQL, so another account's list is "not found".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace baseline::observatory {

struct OwnedList {
  std::int64_t id = 0;
  std::string name;
  std::int64_t owner = 0;
  std::string scan_type = "all";  // web, mail, all
  std::int64_t domains = 0;
};

// The list by name, whoever owns it (the command line's view).
core::Result<std::optional<OwnedList>> find_list(store::Store& store, const std::string& name);
// The list by id, only when `owner` owns it.
core::Result<std::optional<OwnedList>> find_owned_list(store::Store& store, std::int64_t owner,
                                                       std::int64_t list_id);
core::Result<std::vector<OwnedList>> owned_lists(store::Store& store, std::int64_t owner);
struct OwnedScan {
  store::ScanInfo info;  // info.list is the stored list name
  std::int64_t list_id = 0;
  std::int64_t owner = 0;
};
// The scan, only when `owner` owns its list.
core::Result<std::optional<OwnedScan>> find_owned_scan(store::Store& store, std::int64_t owner,
                                                       std::int64_t scan);

// Gives the list `name` (created by save_list) its owner and scan type.
core::Result<bool> set_list_settings(store::Store& store, std::int64_t list_id, std::int64_t owner,
                                     const std::string& scan_type);

}  // namespace baseline::observatory
