// SPDX-License-Identifier: Apache-2.0
// The schema, as numbered migrations per database. A database records the migrations it has in
// `schema_migrations`; opening a store applies the missing ones in order, each in a transaction.
#pragma once

#include <string>
#include <vector>

namespace baseline::store {

enum class Dialect { kSqlite, kPostgresql };

// Migration i (1-based) is element i-1; never edit a released one, append a new one.
const std::vector<std::string>& migrations(Dialect dialect);

}  // namespace baseline::store
