// SPDX-License-Identifier: Apache-2.0
#include "app/notices_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/scan_command.h"
#include "catalog/catalog.h"
#include "core/domain_name.h"
#include "core/list_file.h"
#include "i18n/i18n.h"
#include "notices/address.h"
#include "notices/bounces.h"
#include "notices/language.h"
#include "notices/message.h"
#include "notices/run.h"
#include "store/store.h"

namespace baseline::app {
namespace {

constexpr std::size_t kMaxMandate = 4000;
constexpr std::size_t kMaxContactsLines = 1'000'000;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Result<std::unique_ptr<store::Store>> open(const std::string& database, bool must_exist) {
  const std::string url = database.empty() ? kDefaultDatabase : database;
  if (must_exist && url.starts_with("sqlite:") && !std::filesystem::exists(url.substr(7))) {
    return core::make_error("no database " + url.substr(7) + " (run `baseline scan` first)");
  }
  return store::open_store(url);
}

int fail(const std::string& message, int status) {
  std::cerr << "baseline: " << message << "\n";
  return status;
}

int run_main(NoticesOptions& o) {
  if (o.send && !o.dry_run_dir.empty())
    return fail(i18n::tr("--dry-run and --send exclude each other"), 2);
  if (!o.lang.empty() && notices::choose_language({o.lang}) != o.lang && o.lang != "en") {
    std::cerr << "baseline: summaries in " << notices::printable(o.lang, 40)
              << " are not shipped yet; English\n";
  }
  auto catalog = catalog::load_catalog(o.catalog_file);
  if (!catalog) return fail(catalog.error().message, 2);
  auto store = open(o.database, true);
  if (!store) return fail(store.error().message, 2);
  auto list = store::choose_list(**store, o.list_name);
  if (!list) return fail(list.error().message, 2);
  auto settings = (*store)->notice_settings(*list);
  if (!settings) return fail(settings.error().message, 2);
  if (auto missing = notices::incomplete_settings(*settings); !missing.empty()) {
    return fail("the notice settings of list '" + *list +
                    "' are incomplete: set them with `baseline notices settings --list " + *list +
                    missing + "`",
                2);
  }
  if (o.send && !settings->enabled) {
    return fail("notices of list '" + *list +
                    "' are off: the list's owner turns them on with `baseline notices settings "
                    "--list " +
                    *list + " --enable`; `--dry-run DIR` works without",
                2);
  }
  std::unique_ptr<notices::Transport> transport;
  if (o.send) {
    if (!o.smtp.empty()) {
      notices::SmtpSettings smtp;
      smtp.host = o.smtp;
      if (auto colon = o.smtp.rfind(':'); colon != std::string::npos && o.smtp.front() != '[') {
        smtp.host = o.smtp.substr(0, colon);
        smtp.port = o.smtp.substr(colon + 1);
      }
      smtp.user = o.smtp_user;
      if (const char* password = std::getenv("BASELINE_SMTP_PASSWORD")) smtp.password = password;
      if (!smtp.user.empty() && smtp.password.empty()) {
        return fail(i18n::tr("--smtp-user needs the password in BASELINE_SMTP_PASSWORD"), 2);
      }
      smtp.ca_file = o.ca_file;
      if (!o.ehlo_name.empty()) smtp.ehlo_name = o.ehlo_name;
      transport = notices::smtp_transport(smtp);
    } else {
      if (access(o.sendmail.c_str(), X_OK) != 0) {
        return fail(i18n::trf("cannot run {program} (install a mail system, or use --smtp)",
                              fmt::arg("program", o.sendmail)),
                    2);
      }
      transport = notices::sendmail_transport(o.sendmail);
    }
  }
  notices::RunOptions run;
  run.list = *list;
  run.scan = o.scan;
  run.send = o.send;
  run.directory =
      o.send ? o.review_dir : (o.dry_run_dir.empty() ? "notices-dry-run" : o.dry_run_dir);
  run.transport = transport.get();
  run.overall_per_minute = o.rate;
  run.per_domain_per_minute = o.rate_per_domain;
  run.now_unix = unix_now;
  auto report = notices::run_notices(**store, *catalog, run);
  if (!report) return fail(report.error().message, 1);
  std::cout << notices::summary_text(*report);
  if (!o.send) {
    std::cerr << "baseline: dry run: nothing was sent; the notices and summary.txt are in "
              << run.directory << "\n";
  } else if (transport) {
    std::cerr << "baseline: sent through " << transport->describe() << "\n";
  }
  return 0;
}

int run_list(NoticesOptions& o) {
  auto store = open(o.database, true);
  if (!store) return fail(store.error().message, 2);
  auto rows = (*store)->notices(o.list_name, o.limit);
  if (!rows) return fail(rows.error().message, 1);
  if (o.json) {
    auto out = nlohmann::json::array();
    for (const auto& n : *rows) {
      out.push_back({{"id", n.id},
                     {"list", n.list},
                     {"scan", n.scan ? nlohmann::json(*n.scan) : nlohmann::json()},
                     {"domain", n.domain},
                     {"recorded", n.recorded},
                     {"state", n.state},
                     {"reason", n.reason},
                     {"recipient", n.recipient},
                     {"source", n.source},
                     {"message_id", n.message_id},
                     {"language", n.language},
                     {"findings", n.findings}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  if (rows->empty())
    std::cout << (o.list_name.empty() ? i18n::tr("no notices recorded")
                                      : i18n::trf("no notices recorded for list {list}",
                                                  fmt::arg("list", o.list_name)))
              << "\n";
  for (const auto& n : *rows) {
    std::cout << n.recorded << "  " << n.state << "  " << (n.domain.empty() ? "-" : n.domain)
              << "  " << (n.recipient.empty() ? "-" : notices::printable(n.recipient)) << "  ["
              << n.list << (n.scan ? ", scan " + std::to_string(*n.scan) : "") << "]";
    if (!n.findings.empty()) {
      std::cout << "  " << i18n::tr("findings:");
      for (const auto& f : n.findings) std::cout << " " << f;
    }
    if (!n.reason.empty()) std::cout << "\n    " << notices::printable(n.reason, 300);
    std::cout << "\n";
  }
  return 0;
}

int run_bounces(NoticesOptions& o) {
  if (o.maildir.empty() == o.mbox.empty())
    return fail(i18n::tr("give one of --maildir DIR and --mbox FILE"), 2);
  auto store = open(o.database, true);
  if (!store) return fail(store.error().message, 2);
  auto run = notices::record_bounces(**store, o.maildir.empty() ? "mbox" : "maildir",
                                     o.maildir.empty() ? o.mbox : o.maildir);
  if (!run) return fail(run.error().message, 1);
  for (const auto& line : run->lines) std::cout << line << "\n";
  std::cout << i18n::trf(
                   "{messages} messages read, {recorded} bounces of notices recorded, "
                   "{unmatched} naming no notice of this store, {other} not a failed "
                   "delivery report, {large} too large to read",
                   fmt::arg("messages", run->messages), fmt::arg("recorded", run->recorded),
                   fmt::arg("unmatched", run->unmatched), fmt::arg("other", run->not_reports),
                   fmt::arg("large", run->too_large))
            << "\n";
  return 0;
}

int run_settings(NoticesOptions& o) {
  if (o.enable && o.disable) return fail(i18n::tr("--enable and --disable exclude each other"), 2);
  auto store = open(o.database, true);
  if (!store) return fail(store.error().message, 2);
  auto settings = (*store)->notice_settings(o.list_name);
  if (!settings) return fail(settings.error().message, 2);
  auto s = *settings;
  bool changed = false;
  if (o.enable || o.disable) {
    s.enabled = o.enable;
    changed = true;
  }
  if (o.mandate_file) {
    std::ifstream in(*o.mandate_file, std::ios::binary);
    if (!in) return fail(i18n::trf("cannot read {file}", fmt::arg("file", *o.mandate_file)), 2);
    std::stringstream text;
    text << in.rdbuf();
    o.mandate = text.str();
  }
  if (o.mandate) {
    auto text = notices::clean_text(*o.mandate, kMaxMandate + 1);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (text.size() > kMaxMandate)
      return fail(i18n::tr("the mandate text is longer than 4000 bytes"), 2);
    s.mandate = text;
    changed = true;
  }
  for (auto [value, field, name] : {std::tuple{&o.sender, &s.sender, "--sender"},
                                    std::tuple{&o.reply_to, &s.reply_to, "--reply-to"}}) {
    if (!*value) continue;
    if (value->value().empty()) {
      *field = "";
    } else {
      auto address = notices::check_address(**value);
      if (!address) return fail(std::string(name) + ": " + address.error().message, 2);
      *field = *address;
    }
    changed = true;
  }
  if (o.sender_name) {
    s.sender_name = notices::clean_text(*o.sender_name, 200);
    for (char& c : s.sender_name)
      if (c == '\n') c = ' ';
    changed = true;
  }
  if (o.base_url) {
    if (!notices::safe_url(*o.base_url) || o.base_url->size() > 200) {
      return fail(
          i18n::tr("--base-url: an http(s) URL of printable characters (at most 200) is needed"),
          2);
    }
    s.base_url = *o.base_url;
    changed = true;
  }
  if (o.period) {
    if (*o.period < 1 || *o.period > 3650) return fail(i18n::tr("--period: 1 to 3650 days"), 2);
    s.period_days = *o.period;
    changed = true;
  }
  if (changed) {
    if (auto r = (*store)->save_notice_settings(o.list_name, s); !r)
      return fail(r.error().message, 1);
  }
  const auto not_set = i18n::tr("(not set)");
  std::cout << (s.enabled ? i18n::trf("list {list}: notices on", fmt::arg("list", o.list_name))
                          : i18n::trf("list {list}: notices off", fmt::arg("list", o.list_name)))
            << "\n"
            << "  " << i18n::tr("sender:") << " "
            << (s.sender_name.empty() ? "" : s.sender_name + " ")
            << (s.sender.empty() ? not_set : "<" + s.sender + ">") << "\n"
            << "  " << i18n::tr("reply-to:") << " "
            << (s.reply_to.empty() ? i18n::tr("(the sender)") : s.reply_to) << "\n"
            << "  " << i18n::tr("base URL:") << " " << (s.base_url.empty() ? not_set : s.base_url)
            << "\n"
            << "  " << i18n::tr("period:") << " "
            << i18n::trf("{days} days", fmt::arg("days", s.period_days)) << "\n"
            << "  " << i18n::tr("mandate:") << " " << (s.mandate.empty() ? not_set : s.mandate)
            << "\n";
  if (auto missing = notices::incomplete_settings(s); !missing.empty()) {
    std::cout << "  " << i18n::tr("still to set:") << missing << "\n";
  }
  return 0;
}

int run_contacts(NoticesOptions& o) {
  std::ifstream in(o.contacts_file, std::ios::binary);
  if (!in) return fail(i18n::trf("cannot read {file}", fmt::arg("file", o.contacts_file)), 2);
  auto store = open(o.database, true);
  if (!store) return fail(store.error().message, 2);
  std::vector<store::ListContact> contacts;
  std::string line;
  std::size_t number = 0, problems = 0;
  int organisation_column = -1, domain_column = -1, contact_column = -1;
  std::vector<std::string> fields;
  auto problem = [&](const std::string& why) {
    if (++problems <= 100)
      std::cerr << "baseline: " << o.contacts_file << ":" << number << ": " << why
                << " (skipped)\n";
  };
  while (std::getline(in, line) && number < kMaxContactsLines) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    if (line.size() > core::kMaxListLineLength) {
      problem("line too long");
      continue;
    }
    if (!core::split_csv_line(line, fields)) {
      problem("unclosed quote");
      continue;
    }
    if (contact_column < 0) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "organisation") organisation_column = static_cast<int>(i);
        if (fields[i] == "domain") domain_column = static_cast<int>(i);
        if (fields[i] == "contact") contact_column = static_cast<int>(i);
      }
      if (contact_column < 0 || (organisation_column < 0 && domain_column < 0)) {
        return fail(o.contacts_file + ":" + std::to_string(number) +
                        ": the first line must name the columns: contact, and organisation or "
                        "domain (or both)",
                    2);
      }
      continue;
    }
    auto field = [&](int column) {
      return column >= 0 && static_cast<std::size_t>(column) < fields.size() ? fields[column]
                                                                             : std::string();
    };
    store::ListContact c{field(organisation_column), field(domain_column), field(contact_column)};
    if (!c.domain.empty()) {
      auto name = core::DomainName::parse(c.domain);
      if (!name) {
        problem("invalid domain: " + name.error().message);
        continue;
      }
      c.domain = name->ascii();
      c.organisation.clear();  // a domain's own contact
    } else if (c.organisation.empty()) {
      problem("neither organisation nor domain");
      continue;
    }
    auto address = notices::check_address(c.address);
    if (!address) {
      problem("contact " + notices::printable(c.address, 80) + ": " + address.error().message);
      continue;
    }
    c.address = *address;
    contacts.push_back(std::move(c));
  }
  if (problems > 100)
    std::cerr << "baseline: "
              << i18n::trf("… and {count} more lines skipped", fmt::arg("count", problems - 100))
              << "\n";
  if (contacts.empty())
    return fail(i18n::trf("{file} holds no valid contact", fmt::arg("file", o.contacts_file)), 2);
  if (auto r = (*store)->save_contacts(o.list_name, contacts); !r)
    return fail(r.error().message, 2);
  std::cout << i18n::trf("list {list}: {count} contacts stored", fmt::arg("list", o.list_name),
                         fmt::arg("count", contacts.size()))
            << "\n";
  return 0;
}

int run_optout(NoticesOptions& o) {
  if (o.token.size() != 64 || o.token.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return fail(i18n::tr("not an opt-out token"), 2);
  }
  auto store = open(o.database, true);
  if (!store) return fail(store.error().message, 2);
  auto address = (*store)->record_optout(o.token, unix_now());
  if (!address) return fail(address.error().message, 1);
  if (!*address) return fail(i18n::tr("no recipient holds this token"), 2);
  std::cout << i18n::trf("opted out: {address} receives no more notices from this Baseline",
                         fmt::arg("address", notices::printable(**address)))
            << "\n";
  return 0;
}

int run_hall_optout(NoticesOptions& o) {
  auto name = core::DomainName::parse(o.domain);
  if (!name) return fail("invalid domain: " + name.error().message, 2);
  auto store = open(o.database, false);
  if (!store) return fail(store.error().message, 2);
  if (auto r = (*store)->set_hall_of_fame_optout(name->ascii(), !o.undo); !r) {
    return fail(r.error().message, 1);
  }
  std::cout << (o.undo ? i18n::trf("{domain} may appear in the hall of fame again",
                                   fmt::arg("domain", name->ascii()))
                       : i18n::trf("{domain} is left out of the hall of fame",
                                   fmt::arg("domain", name->ascii())))
            << "\n";
  return 0;
}

void add_db(CLI::App* command, NoticesOptions& o) {
  command->add_option("--db", o.database, i18n::tr("sqlite:FILE or postgresql://…"))
      ->default_str(kDefaultDatabase);
}

}  // namespace

void add_notices_commands(CLI::App& app, NoticesOptions& o) {
  auto* n = o.command = app.add_subcommand(
      "notices",
      i18n::tr("Notices of findings to domain owners: a dry run (.eml files) or --send"));
  n->require_subcommand(0, 1);
  add_db(n, o);
  n->add_option("--list", o.list_name, i18n::tr("The list (default: the only one)"));
  n->add_option(
      "--dry-run", o.dry_run_dir,
      i18n::tr("Write the notices that would go out as .eml files plus summary.txt in DIR; "
               "nothing is sent (the default, into notices-dry-run/)"));
  n->add_flag("--send", o.send, i18n::tr("Send them (only for a list that opted in)"));
  n->add_option("--scan", o.scan,
                i18n::tr("The scan to notify about (default: the list's newest finished)"));
  n->add_option("--lang", o.lang,
                i18n::tr("Language of the summary (notices follow the recipient's "
                         "Preferred-Languages)"));
  n->add_option("--sendmail", o.sendmail, i18n::tr("The sendmail program"))->capture_default_str();
  n->add_option("--smtp", o.smtp,
                i18n::tr("Submit through this relay (HOST[:PORT], default port 587) with STARTTLS "
                         "instead of sendmail"));
  n->add_option(
      "--smtp-user", o.smtp_user,
      i18n::tr("AUTH PLAIN user for --smtp; the password is read from BASELINE_SMTP_PASSWORD"));
  n->add_option("--ehlo-name", o.ehlo_name, i18n::tr("The name to give in EHLO to --smtp"));
  n->add_option("--ca-file", o.ca_file, i18n::tr("Also trust this CA bundle (PEM) for --smtp"));
  n->add_option("--rate", o.rate, i18n::tr("Notices per minute, overall"))->capture_default_str();
  n->add_option("--rate-per-domain", o.rate_per_domain,
                i18n::tr("Notices per minute to one receiving domain"))
      ->capture_default_str();
  n->add_option("--review-dir", o.review_dir,
                i18n::tr("With --send: where notices for https: contacts are written for a person"))
      ->capture_default_str();
  n->add_option("--catalog", o.catalog_file, i18n::tr("Read the catalogue from this YAML file"));

  o.list = n->add_subcommand("list",
                             i18n::tr("What happened to each notice: sent, review, skipped (why), "
                                      "failed, bounced, opted out"));
  add_db(o.list, o);
  o.list->add_option("--list", o.list_name, i18n::tr("Only this list"));
  o.list->add_flag("--json", o.json, i18n::tr("JSON"));
  o.list->add_option("--limit", o.limit, i18n::tr("The newest N records"))->capture_default_str();

  o.settings = n->add_subcommand("settings", i18n::tr("Show or change a list's notice settings"));
  add_db(o.settings, o);
  o.settings->add_option("--list", o.list_name, i18n::tr("The list"))->required();
  o.settings->add_flag("--enable", o.enable,
                       i18n::tr("Turn notices on (a list owner with a mandate)"));
  o.settings->add_flag("--disable", o.disable, i18n::tr("Turn notices off"));
  o.settings->add_option("--mandate", o.mandate,
                         i18n::tr("Who sends the notices and why (plain text)"));
  o.settings->add_option("--mandate-file", o.mandate_file,
                         i18n::tr("The mandate text from a file"));
  o.settings->add_option("--sender", o.sender, i18n::tr("The From: address"));
  o.settings->add_option("--sender-name", o.sender_name, i18n::tr("The From: name"));
  o.settings->add_option("--reply-to", o.reply_to, i18n::tr("Where replies and objections go"));
  o.settings->add_option("--base-url", o.base_url,
                         i18n::tr("The public Baseline site (permalinks, opt-out links)"));
  o.settings->add_option("--period", o.period,
                         i18n::tr("At most one notice per domain per DAYS (default 30)"));

  o.contacts = n->add_subcommand(
      "contacts",
      i18n::tr(
          "Import the list's contacts: CSV with columns contact and organisation and/or domain"));
  add_db(o.contacts, o);
  o.contacts->add_option("--list", o.list_name, i18n::tr("The list"))->required();
  o.contacts->add_option("file", o.contacts_file, i18n::tr("The CSV file"))->required();

  o.optout =
      n->add_subcommand("optout", i18n::tr("Record an opt-out (what the opt-out link does)"));
  add_db(o.optout, o);
  o.optout->add_option("token", o.token, i18n::tr("The token of the opt-out link"))->required();

  o.hall_optout =
      n->add_subcommand("hall-of-fame-optout", i18n::tr("Leave a domain out of the hall of fame"));
  add_db(o.hall_optout, o);
  o.hall_optout->add_option("domain", o.domain, i18n::tr("The domain"))->required();
  o.hall_optout->add_flag("--undo", o.undo, i18n::tr("Let it appear again"));

  o.bounces = n->add_subcommand(
      "bounces",
      i18n::tr(
          "Record bounces: read delivery status notifications (RFC 3464) that came back to the "
          "sender and mark the notices they name as bounced"));
  add_db(o.bounces, o);
  o.bounces->add_option("--maildir", o.maildir,
                        i18n::tr("The sender's mailbox, a maildir (new/ and cur/)"));
  o.bounces->add_option("--mbox", o.mbox, i18n::tr("The sender's mailbox, an mbox file"));
}

int run_notices_commands(NoticesOptions& o) {
  if (!o.command || !o.command->parsed()) return -1;
  if (o.list->parsed()) return run_list(o);
  if (o.settings->parsed()) return run_settings(o);
  if (o.contacts->parsed()) return run_contacts(o);
  if (o.optout->parsed()) return run_optout(o);
  if (o.hall_optout->parsed()) return run_hall_optout(o);
  if (o.bounces->parsed()) return run_bounces(o);
  return run_main(o);
}

}  // namespace baseline::app
