// SPDX-License-Identifier: Apache-2.0
// The SQLite store: one file, write-ahead log, so a report can read while a scan writes and a
// killed process loses only its uncommitted transaction.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace baseline::store {

core::Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace baseline::store
