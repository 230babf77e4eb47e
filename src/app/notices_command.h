// SPDX-License-Identifier: Apache-2.0
// `baseline notices`: notices of findings to domain owners (src/notices/). A dry run (the
// default) writes the notices that would go out as .eml files with a summary; --send hands them
// to the mail system for a list that opted in. Sub-commands: `list` (the log), `settings` (a
// list's opt-in, mandate, sender, period), `contacts` (import the list's contacts),
// `optout TOKEN` (what an opt-out link does), `hall-of-fame-optout DOMAIN`, `bounces` (read
// delivery status notifications from the sender's mailbox into the log).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace baseline::app {

struct NoticesOptions {
  // baseline notices
  std::string database;
  std::string list_name;
  std::string dry_run_dir;
  bool send = false;
  std::optional<std::int64_t> scan;
  std::string lang;
  std::string sendmail = "/usr/sbin/sendmail";
  std::string smtp;  // HOST[:PORT]: SMTP submission instead of sendmail
  std::string smtp_user;
  std::string ehlo_name;
  std::string ca_file;
  double rate = 30;            // notices per minute, overall
  double rate_per_domain = 6;  // notices per minute to one receiving domain
  std::string review_dir = "notices-review";
  std::string catalog_file;
  // list
  bool json = false;
  std::int64_t limit = 200;
  // settings
  bool enable = false, disable = false;
  std::optional<std::string> mandate, mandate_file, sender, sender_name, reply_to, base_url;
  std::optional<int> period;
  // contacts
  std::string contacts_file;
  // optout / hall-of-fame-optout
  std::string token;
  std::string domain;
  bool undo = false;
  // bounces
  std::string maildir, mbox;

  CLI::App* command = nullptr;
  CLI::App* list = nullptr;
  CLI::App* settings = nullptr;
  CLI::App* contacts = nullptr;
  CLI::App* optout = nullptr;
  CLI::App* hall_optout = nullptr;
  CLI::App* bounces = nullptr;
};

void add_notices_commands(CLI::App& app, NoticesOptions& options);
// -1 when `notices` was not the command; else the exit status (0 ran, 2 bad input, 1 failure).
int run_notices_commands(NoticesOptions& options);

}  // namespace baseline::app
