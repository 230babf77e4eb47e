// SPDX-License-Identifier: Apache-2.0
// The database URL of a fresh, empty store for a test parametrised over "sqlite" and
// "postgresql": a file in the test's directory, or the PostgreSQL database that
// BASELINE_TEST_POSTGRESQL names, its public schema emptied first (a database the test may
// empty). Empty with `skip` set when PostgreSQL is not configured.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace baseline::store::testing {

inline std::string fresh_store_url(const std::string& dialect, const std::filesystem::path& dir,
                                   std::string& skip) {
  if (dialect == "sqlite") return "sqlite:" + (dir / "store.db").string();
  const char* url = std::getenv("BASELINE_TEST_POSTGRESQL");
  if (url == nullptr) {
    skip = "BASELINE_TEST_POSTGRESQL is not set";
    return "";
  }
  PGconn* connection = PQconnectdb(url);
  EXPECT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
  PGresult* emptied = PQexec(connection,
                             "SET client_min_messages = warning; DROP SCHEMA public CASCADE; "
                             "CREATE SCHEMA public");
  EXPECT_EQ(PQresultStatus(emptied), PGRES_COMMAND_OK) << PQerrorMessage(connection);
  PQclear(emptied);
  PQfinish(connection);
  return url;
}

}  // namespace baseline::store::testing
