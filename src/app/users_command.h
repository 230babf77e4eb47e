// SPDX-License-Identifier: Apache-2.0
// `baseline users add NAME | list | remove NAME | passwd NAME`: the accounts of the web front and
// the batch API. The password is read from stdin when stdin is not a terminal (one line), else
// asked for twice without echo. `users limits NAME` shows or sets the account's batch limits.
// `users add NAME --email ADDR` gives the account the address its digests go to.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace baseline::app {

struct UsersOptions {
  std::string database = "sqlite:baseline.db";
  std::string name;
  std::string email;  // add: where the account's digests go ("" none)
  bool json = false;
  // limits
  std::optional<std::int64_t> max_domains, max_running, keep_days;
  bool reset = false;

  CLI::App* command = nullptr;
  CLI::App* add = nullptr;
  CLI::App* list = nullptr;
  CLI::App* remove = nullptr;
  CLI::App* passwd = nullptr;
  CLI::App* limits = nullptr;
};

void add_users_commands(CLI::App& app, UsersOptions& options);
// -1 when `users` was not the command; else the exit status (0 done, 2 bad input, 1 failure).
int run_users_commands(UsersOptions& options);

}  // namespace baseline::app
