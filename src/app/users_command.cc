// SPDX-License-Identifier: Apache-2.0
#include "app/users_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "accounts/account_name.h"
#include "accounts/password_hash.h"
#include "i18n/i18n.h"
#include "notices/address.h"
#include "store/account_store.h"
#include "store/store.h"

namespace baseline::app {

namespace {

void add_db(CLI::App* command, UsersOptions& o) {
  command->add_option("--db", o.database, i18n::tr("sqlite:FILE or postgresql://…"))
      ->capture_default_str();
}

// Echo off while a person types a password; restored on every path out.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
    }
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }

 private:
  termios saved_{};
  bool active_ = false;
};

// One line of stdin, bounded (a password longer than the limit is refused, not cut).
std::optional<std::string> read_line() {
  std::string line;
  char c = 0;
  while (std::cin.get(c)) {
    if (c == '\n') break;
    if (line.size() > accounts::kMaxPasswordBytes) return std::nullopt;
    line += c;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The new password: from a pipe as one line, or typed twice at a terminal.
std::optional<std::string> read_password() {
  if (!isatty(STDIN_FILENO)) {
    auto line = read_line();
    if (!line)
      std::cerr << "baseline: "
                << i18n::trf("the password is longer than {count} bytes",
                             fmt::arg("count", accounts::kMaxPasswordBytes))
                << "\n";
    return line;
  }
  std::string first, second;
  {
    EchoOff quiet;
    std::cerr << "Password: " << std::flush;
    auto a = read_line();
    std::cerr << "\nAgain: " << std::flush;
    auto b = read_line();
    std::cerr << "\n";
    if (!a || !b) return std::nullopt;
    first = *a;
    second = *b;
  }
  if (first != second) {
    std::cerr << "baseline: " << i18n::tr("the two passwords differ") << "\n";
    return std::nullopt;
  }
  return first;
}

// Hashes a password read for `name`, or nullopt after saying why on stderr.
std::optional<std::string> new_password_hash() {
  auto password = read_password();
  if (!password) return std::nullopt;
  if (password->empty()) {
    std::cerr << "baseline: " << i18n::tr("the password is empty") << "\n";
    return std::nullopt;
  }
  auto hashed = accounts::hash_password(*password);
  if (!hashed) {
    std::cerr << "baseline: " << hashed.error().message << "\n";
    return std::nullopt;
  }
  return *hashed;
}

int run(UsersOptions& o) {
  if (o.add->parsed()) {
    if (auto problem = accounts::account_name_problem(o.name); !problem.empty()) {
      std::cerr << "baseline: " << problem << "\n";
      return 2;
    }
    if (!o.email.empty()) {
      auto address = notices::check_address(o.email);
      if (!address) {
        std::cerr << "baseline: --email " << address.error().message << "\n";
        return 2;
      }
      o.email = *address;
    }
  }
  auto opened = store::open_store(o.database);
  if (!opened) {
    std::cerr << "baseline: " << opened.error().message << "\n";
    return 1;
  }
  auto* sql = (*opened)->sql();
  if (sql == nullptr) {
    std::cerr << "baseline: " << i18n::tr("this store keeps no accounts") << "\n";
    return 1;
  }
  store::AccountStore accounts(*sql);
  const auto key = accounts::account_key(o.name);

  if (o.add->parsed()) {
    auto hash = new_password_hash();
    if (!hash) return 2;
    auto added = accounts.add(o.name, key, *hash);
    if (!added) {
      std::cerr << "baseline: " << added.error().message << "\n";
      return 1;
    }
    if (!*added) {
      std::cerr << "baseline: "
                << i18n::trf("an account named {name} exists already", fmt::arg("name", o.name))
                << "\n";
      return 2;
    }
    if (!o.email.empty()) {
      auto made = accounts.find_by_key(key);
      if (!made || !*made) {
        std::cerr << "baseline: " << i18n::tr("the new account was not found") << "\n";
        return 1;
      }
      if (auto stored = accounts.set_email((*made)->id, o.email); !stored) {
        std::cerr << "baseline: " << stored.error().message << "\n";
        return 1;
      }
    }
    std::cerr << "baseline: " << i18n::trf("account {name} added", fmt::arg("name", o.name))
              << "\n";
    return 0;
  }
  if (o.list->parsed()) {
    auto all = accounts.list();
    if (!all) {
      std::cerr << "baseline: " << all.error().message << "\n";
      return 1;
    }
    if (o.json) {
      auto out = nlohmann::json::array();
      for (const auto& a : *all) out.push_back({{"name", a.name}, {"created", a.created}});
      std::cout << out.dump(2) << "\n";
    } else {
      for (const auto& a : *all) std::cout << a.name << "\t" << a.created << "\n";
    }
    return 0;
  }
  auto account = accounts.find_by_key(key);
  if (!account) {
    std::cerr << "baseline: " << account.error().message << "\n";
    return 1;
  }
  if (!*account) {
    std::cerr << "baseline: "
              << i18n::trf("there is no account named {name}", fmt::arg("name", o.name)) << "\n";
    return 2;
  }
  if (o.remove->parsed()) {
    auto removed = accounts.remove(key);
    if (!removed) {
      std::cerr << "baseline: " << removed.error().message << "\n";
      return 1;
    }
    std::cerr << "baseline: account " << (*account)->name
              << " removed with its sessions, tokens and batch requests\n";
    return 0;
  }
  if (o.passwd->parsed()) {
    auto hash = new_password_hash();
    if (!hash) return 2;
    auto changed = accounts.set_password(key, *hash);
    if (!changed) {
      std::cerr << "baseline: " << changed.error().message << "\n";
      return 1;
    }
    std::cerr << "baseline: password of " << (*account)->name
              << " changed; its browser sessions have ended\n";
    return 0;
  }
  // limits
  auto limits = accounts.limits((*account)->id);
  if (!limits) {
    std::cerr << "baseline: " << limits.error().message << "\n";
    return 1;
  }
  const bool changing = o.reset || o.max_domains || o.max_running || o.keep_days;
  for (const auto& value : {o.max_domains, o.max_running, o.keep_days}) {
    if (value && (*value < 1 || *value > 1000000)) {
      std::cerr << "baseline: " << i18n::tr("limits are between 1 and 1000000") << "\n";
      return 2;
    }
  }
  if (o.reset) *limits = {};
  if (o.max_domains) limits->max_domains_per_request = o.max_domains;
  if (o.max_running) limits->max_running_requests = o.max_running;
  if (o.keep_days) limits->keep_results_hours = *o.keep_days * 24;
  if (changing) {
    if (auto stored = accounts.set_limits((*account)->id, *limits); !stored) {
      std::cerr << "baseline: " << stored.error().message << "\n";
      return 1;
    }
  }
  auto shown = [](const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : i18n::tr("server default");
  };
  std::cout << i18n::tr("max domains per request") << "\t" << shown(limits->max_domains_per_request)
            << "\n"
            << i18n::tr("max unfinished requests") << "\t" << shown(limits->max_running_requests)
            << "\n"
            << i18n::tr("results kept (days)") << "\t"
            << (limits->keep_results_hours ? std::to_string(*limits->keep_results_hours / 24)
                                           : i18n::tr("server default"))
            << "\n";
  return 0;
}

}  // namespace

void add_users_commands(CLI::App& app, UsersOptions& o) {
  auto* u = o.command =
      app.add_subcommand("users", i18n::tr("Accounts of the web front and the batch API"));
  u->require_subcommand(1, 1);
  o.add = u->add_subcommand(
      "add", i18n::tr("Add an account (password from stdin when it is not a terminal)"));
  o.add->add_option("NAME", o.name, i18n::tr("Account name"))->required();
  o.add->add_option("--email", o.email, i18n::tr("Where the digests after scheduled scans go"));
  add_db(o.add, o);
  o.list = u->add_subcommand("list", i18n::tr("List the accounts"));
  o.list->add_flag("--json", o.json, i18n::tr("JSON"));
  add_db(o.list, o);
  o.remove = u->add_subcommand(
      "remove", i18n::tr("Remove an account with its sessions, tokens and requests"));
  o.remove->add_option("NAME", o.name, i18n::tr("Account name"))->required();
  add_db(o.remove, o);
  o.passwd =
      u->add_subcommand("passwd", i18n::tr("Change an account's password (ends its sessions)"));
  o.passwd->add_option("NAME", o.name, i18n::tr("Account name"))->required();
  add_db(o.passwd, o);
  o.limits = u->add_subcommand("limits", i18n::tr("Show or change an account's batch API limits"));
  o.limits->add_option("NAME", o.name, i18n::tr("Account name"))->required();
  o.limits->add_option("--max-domains", o.max_domains, i18n::tr("Domains per batch request"));
  o.limits->add_option("--max-running", o.max_running,
                       i18n::tr("Batch requests unfinished at once"));
  o.limits->add_option("--keep-days", o.keep_days,
                       i18n::tr("Days a finished request's results are kept"));
  o.limits->add_flag("--reset", o.reset, i18n::tr("Back to the server's defaults"));
  add_db(o.limits, o);
}

int run_users_commands(UsersOptions& o) {
  if (o.command == nullptr || !o.command->parsed()) return -1;
  return run(o);
}

}  // namespace baseline::app
