// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL store, through libpq: the same schema as SQLite, and the work queue that lets
// `baseline scan --worker` processes on several machines share one scan (`FOR UPDATE SKIP LOCKED`
// claims, leases that expire when a worker dies).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace baseline::store {

core::Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url);

}  // namespace baseline::store
