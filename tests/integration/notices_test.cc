// SPDX-License-Identifier: Apache-2.0
// Notices against the lab: a scan of the notice scenarios (security.txt with a mailto: Contact,
// an https: Contact, no Preferred-Languages, none at all, and hostile files) into SQLite; a dry
// run that writes .eml files and sends nothing (the lab mailbox's mail log says so); --send
// through the lab Postfix's sendmail and, for a second list, by SMTP submission with STARTTLS;
// the delivered messages read back from the mailbox; a second run sends nothing new; an address
// that opted out receives nothing; the hostile files give records, not mails; the hall of fame.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "tests/integration/lab_harness.h"

namespace baseline::integration {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> lab_env() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(LAB_RUN_DIR) + "/env");
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
    out[line.substr(0, eq)] = value;
  }
  return out;
}

// Quoted-printable to text (soft breaks removed).
std::string decode_qp(const std::string& in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && i + 1 < in.size() && (in[i + 1] == '\n' || in[i + 1] == '\r')) {
      i += in[i + 1] == '\r' ? 2 : 1;
    } else if (in[i] == '=' && i + 2 < in.size() &&
               std::isxdigit(static_cast<unsigned char>(in[i + 1]))) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (in[i] != '\r') {
      out += in[i];
    }
  }
  return out;
}

struct Mail {
  std::string raw;
  std::map<std::string, std::string> headers;  // first of each, lower case, unfolded
  std::string body;                            // decoded
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Mail parse_mail(const std::string& raw) {
  Mail m;
  m.raw = raw;
  std::string text = raw;
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  const auto split = text.find("\n\n");
  std::istringstream head(text.substr(0, split));
  std::string line, name;
  while (std::getline(head, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (!name.empty()) m.headers[name] += line.substr(1);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    name = lower(line.substr(0, colon));
    if (m.headers.count(name)) {
      name = "";
      continue;
    }
    auto value = line.substr(colon + 1);
    m.headers[name] = value.empty() ? ""
                                    : value.substr(value.find_first_not_of(' ') == std::string::npos
                                                       ? value.size()
                                                       : value.find_first_not_of(' '));
  }
  m.body = decode_qp(split == std::string::npos ? "" : text.substr(split + 2));
  return m;
}

// The messages of an mbox file.
std::vector<Mail> mailbox(const fs::path& path) {
  const auto text = read_file(path);
  std::vector<Mail> out;
  std::size_t at = text.rfind("From ", 0) == 0 ? 0 : std::string::npos;
  while (at != std::string::npos) {
    const auto next = text.find("\nFrom ", at + 1);
    auto chunk = text.substr(at, next == std::string::npos ? std::string::npos : next + 1 - at);
    chunk = chunk.substr(chunk.find('\n') + 1);  // the mbox From_ line
    out.push_back(parse_mail(chunk));
    at = next == std::string::npos ? next : next + 1;
  }
  return out;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class NoticesLabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = read_lab_settings();
    env_ = lab_env();
    ASSERT_TRUE(env_.count("LAB_MAILBOX")) << "the lab has no mailbox (lab/labkit/mailbox.py)";
    char dir[] = "/tmp/baseline-notices-lab-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    db_ = "sqlite:" + (dir_ / "n.db").string();
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // `routing`: with the lab's routing data (RPKI can pass), or without (RPKI is an error).
  void scan(const std::string& list,
            const std::vector<std::pair<std::string, std::string>>& domains, bool routing = true) {
    std::ofstream csv(dir_ / (list + ".csv"));
    csv << "domain,organisation\n";
    for (const auto& [d, o] : domains) csv << d << "," << o << "\n";
    csv.close();
    std::vector<std::string> args{"scan",
                                  (dir_ / (list + ".csv")).string(),
                                  "--db",
                                  db_,
                                  "--list",
                                  list,
                                  "--web",
                                  "--timeout",
                                  "30",
                                  "--progress",
                                  "none",
                                  "--ca-file",
                                  settings_.ca_file};
    for (const auto& a : lab_resolver_args(settings_)) args.push_back(a);
    if (routing) args.insert(args.end(), {"--vrps", settings_.vrps, "--rib", settings_.rib_text});
    auto run = run_baseline(args);
    ASSERT_EQ(run.exit_status, 0) << run.err;
  }

  CommandOutput notices(std::vector<std::string> args) {
    args.insert(args.begin(), "notices");
    args.push_back("--db");
    args.push_back(db_);
    return run_baseline(args);
  }

  // Waits until the mailbox holds `n` messages (or 20 s pass).
  std::vector<Mail> wait_for(std::size_t n) {
    for (int i = 0; i < 100; ++i) {
      auto mails = mailbox(env_["LAB_MAILBOX"]);
      if (mails.size() >= n) return mails;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return mailbox(env_["LAB_MAILBOX"]);
  }

  LabSettings settings_;
  std::map<std::string, std::string> env_;
  fs::path dir_;
  std::string db_;
};

TEST_F(NoticesLabTest, DryRunThenSendThenNothingNewAndOptOutHolds) {
  const auto mails_before = mailbox(env_["LAB_MAILBOX"]).size();
  const auto log_before = read_file(env_["LAB_MAILBOX_LOG"]);
  scan("cert", {{"web-notice-mailto.lab", "Mailto Org"},
                {"web-notice-https.lab", "Https Org"},
                {"web-notice-none.lab", "Lab Org"},
                {"web-notice-crlf.lab", "Lab Org"},
                {"web-notice-many.lab", "Lab Org"},
                {"web-notice-huge.lab", "Lab Org"},
                {"web-good.lab", "Good Org"}});
  auto set = notices(
      {"settings", "--list", "cert", "--sender", "notices@notices-sender.lab", "--sender-name",
       "Lab CERT (Baseline)", "--reply-to", "objections@cert.lab", "--mandate",
       "The lab CERT warns the owners of the domains on this list under its legal task.",
       "--base-url", "https://baseline.cert.lab"});
  ASSERT_EQ(set.exit_status, 0) << set.err;
  EXPECT_NE(set.out.find("notices off"), std::string::npos) << set.out;
  std::ofstream(dir_ / "contacts.csv")
      << "organisation,contact\nLab Org,cert@org.lab\nBad Org,\"x@y.lab\r\nBcc: z@evil.lab\"\n";
  auto contacts = notices({"contacts", "--list", "cert", (dir_ / "contacts.csv").string()});
  ASSERT_EQ(contacts.exit_status, 0) << contacts.err;
  EXPECT_NE(contacts.out.find("1 contacts stored"), std::string::npos)
      << contacts.out << contacts.err;

  // The dry run: files, no mail, nothing recorded; it works although the list has not opted in.
  auto dry = notices({"--list", "cert", "--dry-run", (dir_ / "dry").string()});
  ASSERT_EQ(dry.exit_status, 0) << dry.err;
  const auto summary = read_file(dir_ / "dry" / "summary.txt");
  std::cout << summary;
  const auto json = nlohmann::json::parse(read_file(dir_ / "dry" / "summary.json"));
  std::map<std::string, nlohmann::json> by_domain;
  for (const auto& n : json["notices"]) by_domain[n["domain"]] = n;
  EXPECT_EQ(by_domain["web-notice-mailto.lab"]["state"], "would-send");
  EXPECT_EQ(by_domain["web-notice-mailto.lab"]["recipient"], "security@web-notice-mailto.lab");
  EXPECT_EQ(by_domain["web-notice-mailto.lab"]["findings"], nlohmann::json::array({"https-hsts"}));
  EXPECT_EQ(by_domain["web-notice-https.lab"]["state"], "review");
  EXPECT_EQ(by_domain["web-notice-https.lab"]["recipient"],
            "https://web-notice-https.lab/report-a-vulnerability");
  EXPECT_EQ(by_domain["web-notice-none.lab"]["recipient"], "cert@org.lab");
  EXPECT_EQ(by_domain["web-notice-none.lab"]["source"], "list");
  for (const auto* hostile :
       {"web-notice-crlf.lab", "web-notice-many.lab", "web-notice-huge.lab"}) {
    EXPECT_EQ(by_domain[hostile]["state"], "skipped") << hostile;
    EXPECT_EQ(by_domain[hostile]["file"], "") << hostile;
  }
  EXPECT_NE(by_domain["web-notice-crlf.lab"]["reason"].get<std::string>().find("line break"),
            std::string::npos);
  EXPECT_NE(
      by_domain["web-notice-many.lab"]["reason"].get<std::string>().find("contacts (more than 16)"),
      std::string::npos)
      << by_domain["web-notice-many.lab"];
  EXPECT_NE(by_domain["web-notice-huge.lab"]["reason"].get<std::string>().find("larger than"),
            std::string::npos)
      << by_domain["web-notice-huge.lab"];
  EXPECT_EQ(by_domain.count("web-good.lab"), 0u);
  const auto eml =
      parse_mail(read_file(by_domain["web-notice-mailto.lab"]["file"].get<std::string>()));
  EXPECT_EQ(eml.headers.at("to"), "security@web-notice-mailto.lab");
  EXPECT_EQ(eml.headers.at("subject"), "Security findings for web-notice-mailto.lab");
  EXPECT_EQ(eml.headers.at("content-language"), "en") << "nl is not shipped yet: English";
  EXPECT_NE(eml.body.find("https://baseline.cert.lab/scan/"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(mailbox(env_["LAB_MAILBOX"]).size(), mails_before) << "a dry run sends nothing";
  EXPECT_EQ(count(read_file(env_["LAB_MAILBOX_LOG"]), "from=<notices+"),
            count(log_before, "from=<notices+"));
  auto log = notices({"list", "--list", "cert", "--json"});
  ASSERT_EQ(log.exit_status, 0) << log.err;
  EXPECT_EQ(nlohmann::json::parse(log.out).size(), 0u) << "a dry run records nothing";

  // cert@org.lab opts out through the link of its (dry-run) notice, before anything was sent.
  const auto none_eml =
      parse_mail(read_file(by_domain["web-notice-none.lab"]["file"].get<std::string>()));
  const auto& unsubscribe = none_eml.headers.at("list-unsubscribe");
  const auto token = unsubscribe.substr(unsubscribe.find("/notices/optout/") + 16, 64);
  auto optout = notices({"optout", token});
  ASSERT_EQ(optout.exit_status, 0) << optout.err;
  EXPECT_NE(optout.out.find("cert@org.lab"), std::string::npos);

  // Sending is refused until the list opts in.
  auto refused = notices({"--list", "cert", "--send", "--sendmail", env_["LAB_MAILBOX_SENDMAIL"]});
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_NE(refused.err.find("--enable"), std::string::npos) << refused.err;
  ASSERT_EQ(notices({"settings", "--list", "cert", "--enable"}).exit_status, 0);

  auto sent = notices({"--list", "cert", "--send", "--sendmail", env_["LAB_MAILBOX_SENDMAIL"],
                       "--review-dir", (dir_ / "review").string()});
  ASSERT_EQ(sent.exit_status, 0) << sent.err;
  std::cout << sent.out;
  auto mails = wait_for(mails_before + 1);
  ASSERT_EQ(mails.size(), mails_before + 1) << sent.out;
  const auto& mail = mails.back();
  EXPECT_EQ(mail.headers.at("x-original-to"), "security@web-notice-mailto.lab");
  EXPECT_EQ(mail.headers.at("from"), "\"Lab CERT (Baseline)\" <notices@notices-sender.lab>");
  EXPECT_EQ(mail.headers.at("reply-to"), "objections@cert.lab");
  EXPECT_EQ(mail.headers.at("subject"), "Security findings for web-notice-mailto.lab");
  EXPECT_EQ(mail.headers.at("content-language"), "en");
  EXPECT_EQ(mail.headers.at("list-unsubscribe-post"), "List-Unsubscribe=One-Click");
  EXPECT_TRUE(mail.headers.at("list-unsubscribe")
                  .starts_with("<https://baseline.cert.lab/notices/optout/"));
  EXPECT_NE(mail.headers.at("content-type").find("multipart/alternative"), std::string::npos);
  EXPECT_NE(mail.body.find("https://baseline.cert.lab/scan/"), std::string::npos);
  EXPECT_NE(mail.body.find("legal task"), std::string::npos) << "the mandate";
  EXPECT_NE(mail.body.find("<html"), std::string::npos);
  EXPECT_NE(mail.body.find("How to fix it"), std::string::npos);
  // Signed by the lab mailbox's OpenDKIM for the sending domain (lab/labkit/mailbox.py).
  ASSERT_TRUE(mail.headers.count("dkim-signature")) << mail.raw.substr(0, 2000);
  EXPECT_NE(mail.headers.at("dkim-signature").find("d=notices-sender.lab"), std::string::npos);
  EXPECT_NE(mail.headers.at("dkim-signature").find("s=default"), std::string::npos);
  // The signature verifies against the key in the lab's DNS (opendkim-testmsg, with the lab
  // resolver bind-mounted over resolv.conf in a mount namespace of its own).
  std::ofstream(dir_ / "signed.eml", std::ios::binary) << mail.raw;
  std::ofstream(dir_ / "resolv.conf") << "nameserver 198.18.0.53\n";
  const std::string verify =
      "/usr/bin/unshare --mount /bin/sh -c 'mount --bind " + (dir_ / "resolv.conf").string() +
      " /etc/resolv.conf && exec /usr/sbin/opendkim-testmsg < " + (dir_ / "signed.eml").string() +
      "' > " + (dir_ / "verify.log").string() + " 2>&1";
  EXPECT_EQ(std::system(verify.c_str()), 0) << read_file(dir_ / "verify.log");
  EXPECT_EQ(mail.raw.find("evil.lab"), std::string::npos);
  const auto mail_log = read_file(env_["LAB_MAILBOX_LOG"]);
  EXPECT_EQ(mail_log.find("to=<cert@org.lab>"), std::string::npos) << "opted out";
  EXPECT_EQ(mail_log.find("evil.lab"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "review")) << "the https: contact's notice is kept for a person";

  log = notices({"list", "--list", "cert", "--json"});
  ASSERT_EQ(log.exit_status, 0) << log.err;
  std::map<std::string, std::string> states, reasons;
  for (const auto& n : nlohmann::json::parse(log.out)) {
    states[n["domain"]] = n["state"];
    reasons[n["domain"]] = n["reason"];
  }
  EXPECT_EQ(states["web-notice-mailto.lab"], "sent");
  EXPECT_EQ(states["web-notice-https.lab"], "review");
  EXPECT_EQ(states["web-notice-none.lab"], "skipped");
  EXPECT_EQ(reasons["web-notice-none.lab"], "the recipient opted out");
  // The hostile security.txt files (CRLF in a contact, 10,000 contacts, over 1 MB): a record
  // with the reason, and no mail to any address of theirs.
  for (const auto* hostile :
       {"web-notice-crlf.lab", "web-notice-many.lab", "web-notice-huge.lab"}) {
    EXPECT_EQ(states[hostile], "skipped") << hostile;
    EXPECT_FALSE(reasons[hostile].empty()) << hostile;
    EXPECT_EQ(mail_log.find(std::string("@") + hostile), std::string::npos) << hostile;
  }

  // The hall of fame after the first scan: web-good.lab, since the test that earned it.
  auto hall = run_baseline({"report", "--db", db_, "--hall-of-fame", "--json"});
  ASSERT_EQ(hall.exit_status, 0) << hall.err;
  auto h = nlohmann::json::parse(hall.out);
  EXPECT_EQ(h["schema"], "baseline/hall-of-fame/1");
  ASSERT_EQ(h["lists"]["cert"]["members"].size(), 1u) << hall.out;
  EXPECT_EQ(h["lists"]["cert"]["members"][0]["domain"], "web-good.lab");
  const auto since = h["lists"]["cert"]["members"][0]["since"].get<std::string>();
  EXPECT_EQ(since.size(), 10u);
  EXPECT_EQ(h["overall"].size(), 1u);

  // A second run, and a second scan with the same findings (without routing data: RPKI is an
  // error there, which is no finding): nothing new.
  auto again = notices({"--list", "cert", "--send", "--sendmail", env_["LAB_MAILBOX_SENDMAIL"],
                        "--review-dir", (dir_ / "review").string()});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  scan("cert",
       {{"web-notice-mailto.lab", "Mailto Org"},
        {"web-notice-none.lab", "Lab Org"},
        {"web-good.lab", "Good Org"}},
       false);
  again = notices({"--list", "cert", "--send", "--sendmail", env_["LAB_MAILBOX_SENDMAIL"],
                   "--review-dir", (dir_ / "review").string()});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(mailbox(env_["LAB_MAILBOX"]).size(), mails_before + 1) << again.out;
  EXPECT_EQ(read_file(env_["LAB_MAILBOX_LOG"]).find("to=<cert@org.lab>"), std::string::npos);

  // web-good.lab's latest test did not meet RPKI (no routing data): it dropped, with the date.
  hall = run_baseline({"report", "--db", db_, "--hall-of-fame", "--json"});
  ASSERT_EQ(hall.exit_status, 0) << hall.err;
  h = nlohmann::json::parse(hall.out);
  EXPECT_TRUE(h["lists"]["cert"]["members"].empty()) << hall.out;
  ASSERT_EQ(h["lists"]["cert"]["dropped"].size(), 1u) << hall.out;
  EXPECT_EQ(h["lists"]["cert"]["dropped"][0]["domain"], "web-good.lab");
  EXPECT_EQ(h["lists"]["cert"]["dropped"][0]["since"], since);
  // A domain that opts out of the hall appears nowhere in it.
  auto out = notices({"hall-of-fame-optout", "web-good.lab"});
  ASSERT_EQ(out.exit_status, 0) << out.err;
  hall = run_baseline({"report", "--db", db_, "--hall-of-fame"});
  ASSERT_EQ(hall.exit_status, 0) << hall.err;
  EXPECT_EQ(hall.out.find("web-good.lab"), std::string::npos) << hall.out;
}

// The lab's sending domain meets every mail standard (issue 14, item 6): SPF, DKIM, DMARC
// p=reject, STARTTLS, DANE, MTA-STS, TLS-RPT, DNSSEC and IPv6 for its mail, RPKI with the lab's
// routing data.
TEST_F(NoticesLabTest, SendingDomainMeetsEveryMailStandard) {
  std::vector<std::string> args{"test",      "notices-sender.lab", "--mail", "--json",
                                "--ca-file", settings_.ca_file,    "--vrps", settings_.vrps,
                                "--rib",     settings_.rib_text};
  for (const auto& a : lab_resolver_args(settings_)) args.push_back(a);
  auto run = run_baseline(args);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  const auto result = nlohmann::json::parse(run.out);
  std::map<std::string, std::string> standards;
  for (const auto& s : result["standards"]) standards[s["id"]] = s["verdict"];
  for (const auto* id : {"dnssec", "ipv6", "rpki", "starttls", "dane", "spf", "dkim", "dmarc",
                         "mta-sts", "tls-rpt"}) {
    EXPECT_EQ(standards[id], "pass") << id << "\n" << run.out.substr(0, 4000);
  }
}

TEST_F(NoticesLabTest, SmtpSubmissionWithStartTls) {
  const auto mails_before = mailbox(env_["LAB_MAILBOX"]).size();
  scan("regulator", {{"web-notice-nolang.lab", "No Lang Org"}});
  ASSERT_EQ(notices({"settings", "--list", "regulator", "--enable", "--sender",
                     "notices@regulator.lab", "--mandate", "The lab regulator, by law.",
                     "--base-url", "https://baseline.regulator.lab"})
                .exit_status,
            0);
  // Without the lab CA the relay's certificate is not trusted: nothing is submitted.
  const std::string relay = env_["LAB_MAILBOX_SMTP"];
  auto untrusted = notices({"--list", "regulator", "--send", "--smtp", relay});
  ASSERT_EQ(untrusted.exit_status, 0) << untrusted.err;
  EXPECT_NE(untrusted.out.find("failed"), std::string::npos) << untrusted.out;
  auto sent =
      notices({"--list", "regulator", "--send", "--smtp", relay, "--ca-file", settings_.ca_file});
  ASSERT_EQ(sent.exit_status, 0) << sent.err;
  EXPECT_NE(sent.out.find("sent"), std::string::npos) << sent.out;
  auto mails = wait_for(mails_before + 1);
  ASSERT_EQ(mails.size(), mails_before + 1) << sent.out;
  EXPECT_EQ(mails.back().headers.at("x-original-to"), "security@web-notice-nolang.lab");
  EXPECT_NE(read_file(env_["LAB_MAILBOX_LOG"]).find("TLS connection established"),
            std::string::npos)
      << "submitted over TLS";
}

// A notice to a mailbox that does not exist (the lab mailbox's no-such-mailbox@): Postfix
// accepts it through sendmail, fails to deliver it and sends a delivery status notification to
// the notice's bounce address; `notices bounces` reads the mailbox and records the bounce.
TEST_F(NoticesLabTest, ABounceArrivingLaterIsRecorded) {
  const auto mails_before = mailbox(env_["LAB_MAILBOX"]).size();
  scan("bouncing", {{"web-notice-none.lab", "Lost Org"}});
  ASSERT_EQ(notices({"settings", "--list", "bouncing", "--enable", "--sender",
                     "notices@notices-sender.lab", "--mandate", "The lab CERT, by law.",
                     "--base-url", "https://baseline.cert.lab"})
                .exit_status,
            0);
  std::ofstream(dir_ / "lost.csv") << "organisation,contact\nLost Org,no-such-mailbox@org.lab\n";
  ASSERT_EQ(notices({"contacts", "--list", "bouncing", (dir_ / "lost.csv").string()}).exit_status,
            0);
  const auto started = std::chrono::steady_clock::now();
  auto sent = notices({"--list", "bouncing", "--send", "--sendmail", env_["LAB_MAILBOX_SENDMAIL"]});
  ASSERT_EQ(sent.exit_status, 0) << sent.err;
  auto log = nlohmann::json::parse(notices({"list", "--list", "bouncing", "--json"}).out);
  ASSERT_EQ(log.size(), 1u) << log;
  EXPECT_EQ(log[0]["state"], "sent") << "handed over; the bounce comes later";
  const std::string message_id = log[0]["message_id"];

  // The notification arrives at the bounce address, notices+TAG@notices-sender.lab.
  auto mails = wait_for(mails_before + 1);
  ASSERT_EQ(mails.size(), mails_before + 1);
  const auto& report = mails.back();
  const auto tag = message_id.substr(0, message_id.find('.'));
  EXPECT_EQ(report.headers.at("x-original-to"), "notices+" + tag + "@notices-sender.lab");
  EXPECT_NE(report.headers.at("content-type").find("report-type=delivery-status"),
            std::string::npos);
  EXPECT_NE(read_file(env_["LAB_MAILBOX_LOG"]).find("to=<no-such-mailbox@org.lab>"),
            std::string::npos);

  auto bounces = notices({"bounces", "--mbox", env_["LAB_MAILBOX"]});
  ASSERT_EQ(bounces.exit_status, 0) << bounces.err;
  std::cout << bounces.out;
  EXPECT_NE(bounces.out.find("1 bounces of notices recorded"), std::string::npos) << bounces.out;
  log = nlohmann::json::parse(notices({"list", "--list", "bouncing", "--json"}).out);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["state"], "bounced");
  EXPECT_NE(log[0]["reason"].get<std::string>().find("5.1.1"), std::string::npos) << log;
  EXPECT_NE(log[0]["reason"].get<std::string>().find("no-such-mailbox@org.lab"), std::string::npos)
      << log;
  std::cout << "notice sent to bounce recorded: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count()
            << " ms\n";
  // Read again: idempotent.
  bounces = notices({"bounces", "--mbox", env_["LAB_MAILBOX"]});
  ASSERT_EQ(bounces.exit_status, 0) << bounces.err;
  log = nlohmann::json::parse(notices({"list", "--list", "bouncing", "--json"}).out);
  EXPECT_EQ(log.size(), 1u);
}

}  // namespace
}  // namespace baseline::integration
