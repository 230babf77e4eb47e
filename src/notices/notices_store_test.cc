// SPDX-License-Identifier: Apache-2.0
// Notices through a real store: SQLite always, and PostgreSQL too when BASELINE_TEST_POSTGRESQL
// names a database (postgresql://…) that the test may empty: each test starts from an empty
// schema `public` there. A run against stored scans with a recording transport and a fixed clock:
// the dry run writes files and records nothing; sending records every outcome; a second run sends
// nothing new; an opted-out address gets nothing ever again; a regression is told; the hall of
// fame.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "notices/after_scan.h"
#include "notices/bounce_address.h"
#include "notices/bounces.h"
#include "notices/hall_of_fame.h"
#include "notices/run.h"
#include "store/store.h"
#include "store/testing/fresh_store.h"

namespace baseline::notices {
namespace {

namespace fs = std::filesystem;
constexpr std::int64_t kNow = 1795000000;
constexpr std::int64_t kDay = 86400;

class RecordingTransport : public Transport {
 public:
  Delivery deliver(const std::string& from, const std::string& to,
                   const std::string& data) override {
    sent.push_back({from, to, data});
    if (to.starts_with("bounce@")) return {Delivery::Outcome::kBounced, "550 no such user"};
    return {Delivery::Outcome::kSent, "250 ok"};
  }
  std::string describe() const override { return "recording"; }
  struct Message {
    std::string from, to, data;
  };
  std::vector<Message> sent;
};

const catalog::Catalog& builtin() {
  static const catalog::Catalog c = *catalog::load_catalog("");
  return c;
}

std::string required_standard(int skip = 0) {
  for (const auto& s : builtin().standards) {
    if (s.level == core::Level::kRequired && s.assessment == catalog::Assessment::kTested &&
        skip-- == 0)
      return s.id;
  }
  return "";
}

core::CheckResult security_txt(const std::string& domain, std::vector<std::string> contacts,
                               std::vector<std::string> languages = {}) {
  core::CheckResult r;
  r.id = "web.security_txt";
  r.target = "198.18.10.10:443";
  r.verdict = core::Verdict::kPass;
  r.summary = "valid";
  r.details = {{"url", "https://" + domain + "/.well-known/security.txt"},
               {"contacts", contacts},
               {"contacts_total", contacts.size()},
               {"preferred_languages", languages},
               {"bytes", 200}};
  return r;
}

class NoticesStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-notices-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    std::string skip;
    std::string url = store::testing::fresh_store_url(GetParam(), dir_, skip);
    if (url.empty()) GTEST_SKIP() << skip;
    auto opened = store::open_store(url);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    list_ = "gov-" + std::to_string(getpid()) + "-" + std::to_string(counter_++);
    std::vector<core::ListEntry> entries{
        {"mailto.example", "", "", "Mailto Org"},  {"https.example", "", "", "Https Org"},
        {"listed.example", "", "", "Listed Org"},  {"nobody.example", "", "", ""},
        {"hostile.example", "", "", "Listed Org"}, {"good.example", "", "", "Good Org"}};
    ASSERT_TRUE(store_->save_list(list_, entries));
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A finished scan where `failing` fail the first required standard and the rest pass it.
  std::int64_t scan(const std::set<std::string>& failing, const std::string& tested) {
    auto id = store_->create_scan(list_, "t", "c");
    EXPECT_TRUE(id);
    std::vector<store::DomainRecord> records;
    for (const auto* domain : {"mailto.example", "https.example", "listed.example",
                               "nobody.example", "hostile.example", "good.example"}) {
      store::DomainRecord r{domain, tested, 10, 50};
      for (const auto& s : builtin().standards) {
        if (s.level != core::Level::kRequired || s.assessment != catalog::Assessment::kTested)
          continue;
        r.standards.push_back(
            {s.id, s.id == required_standard() && failing.count(domain) ? "fail" : "pass"});
      }
      core::CheckResult check;
      check.id = builtin().find(required_standard())->checks.front();
      check.target = domain;
      check.verdict = failing.count(domain) ? core::Verdict::kFail : core::Verdict::kPass;
      check.summary = "what the test saw";
      r.results.push_back(check);
      if (std::string(domain) == "mailto.example")
        r.results.push_back(security_txt(domain, {"mailto:security@mailto.example"}, {"nl", "en"}));
      if (std::string(domain) == "https.example")
        r.results.push_back(security_txt(domain, {"https://https.example/report"}));
      if (std::string(domain) == "hostile.example")
        r.results.push_back(
            security_txt(domain, {"mailto:a@hostile.example\r\nBcc: victim@evil.example"}));
      records.push_back(std::move(r));
    }
    EXPECT_TRUE(store_->claim(*id, "w", 100, 0, 1));
    auto saved = store_->save(*id, records);
    EXPECT_TRUE(saved) << saved.error().message;
    EXPECT_TRUE(store_->finish_scan(*id));
    return *id;
  }

  void configure(bool enabled) {
    store::NoticeSettings s;
    s.enabled = enabled;
    s.mandate = "The lab CERT warns owners under its legal task.";
    s.sender = "notices@cert.example";
    s.sender_name = "Lab CERT";
    s.base_url = "https://baseline.cert.example/";
    ASSERT_TRUE(store_->save_notice_settings(list_, s));
    ASSERT_TRUE(store_->save_contacts(list_, {{"Listed Org", "", "cert@listed.example"}}));
  }

  core::Result<RunReport> run(bool send, std::int64_t now, const fs::path& dir = {}) {
    RunOptions o;
    o.list = list_;
    o.send = send;
    o.directory = dir.string();
    o.transport = &transport_;
    o.now_unix = [now] { return now; };
    o.sleep = [](auto) {};
    return run_notices(*store_, builtin(), o);
  }

  static std::map<std::string, NoticeOutcome> by_domain(const RunReport& r) {
    std::map<std::string, NoticeOutcome> out;
    for (const auto& n : r.outcomes) out[n.domain] = n;
    return out;
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::string list_;
  std::unique_ptr<store::Store> store_;
  RecordingTransport transport_;
};

TEST_P(NoticesStoreTest, SettingsAreOffByDefaultAndIncompleteSettingsStopARun) {
  auto s = store_->notice_settings(list_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_FALSE(s->enabled);
  EXPECT_EQ(s->period_days, 30);
  scan({"mailto.example"}, "2026-11-01T10:00:00Z");
  auto r = run(false, kNow, dir_ / "dry");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("--sender"), std::string::npos) << r.error().message;
  EXPECT_FALSE(store_->notice_settings("no-such-list"));
}

TEST_P(NoticesStoreTest, DryRunWritesFilesRecordsNothingAndWorksWithoutOptIn) {
  configure(false);
  scan({"mailto.example", "https.example", "listed.example", "nobody.example", "hostile.example"},
       "2026-11-01T10:00:00Z");
  auto r = run(false, kNow, dir_ / "dry");
  ASSERT_TRUE(r) << r.error().message;
  auto n = by_domain(*r);
  EXPECT_EQ(n["mailto.example"].state, "would-send");
  EXPECT_EQ(n["mailto.example"].recipient, "security@mailto.example");
  EXPECT_EQ(n["mailto.example"].source, "security.txt");
  EXPECT_EQ(n["https.example"].state, "review");
  EXPECT_EQ(n["listed.example"].recipient, "cert@listed.example");
  EXPECT_EQ(n["listed.example"].source, "list");
  EXPECT_EQ(n["nobody.example"].state, "skipped");
  EXPECT_EQ(n["nobody.example"].reason, "no contact");
  EXPECT_EQ(n["hostile.example"].state, "skipped");
  EXPECT_NE(n["hostile.example"].reason.find("line break"), std::string::npos)
      << n["hostile.example"].reason;
  EXPECT_EQ(n.count("good.example"), 0u);
  EXPECT_TRUE(fs::exists(n["mailto.example"].file));
  EXPECT_TRUE(fs::exists(dir_ / "dry" / "summary.txt"));
  EXPECT_TRUE(fs::exists(dir_ / "dry" / "summary.json"));
  EXPECT_TRUE(transport_.sent.empty());
  auto log = store_->notices(list_, 100);
  ASSERT_TRUE(log);
  EXPECT_TRUE(log->empty()) << "a dry run records nothing";
  // Sending is refused while the list has not opted in.
  auto refused = run(true, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--enable"), std::string::npos);
}

TEST_P(NoticesStoreTest, SendRecordsOnceThenNothingNewAndOptOutIsForever) {
  configure(true);
  scan({"mailto.example", "https.example", "listed.example", "nobody.example"},
       "2026-11-01T10:00:00Z");
  auto first = run(true, kNow, dir_ / "review");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(transport_.sent.size(), 2u);
  std::set<std::string> to{transport_.sent[0].to, transport_.sent[1].to};
  EXPECT_EQ(to, (std::set<std::string>{"security@mailto.example", "cert@listed.example"}));
  // The envelope sender is the notice's bounce address: it names the Message-ID.
  for (const auto& sent : transport_.sent) {
    const auto tag = bounce_tag(sent.from);
    ASSERT_TRUE(tag) << sent.from;
    EXPECT_EQ(sent.from, "notices+" + tag->tag + "@cert.example");
    EXPECT_NE(sent.data.find("Message-ID: <" + message_id_of(*tag) + ">"), std::string::npos);
  }
  auto log = store_->notices(list_, 100);
  ASSERT_TRUE(log);
  std::map<std::string, std::string> states;
  for (const auto& e : *log) states[e.domain] = e.state;
  EXPECT_EQ(states["mailto.example"], "sent");
  EXPECT_EQ(states["https.example"], "review");
  EXPECT_EQ(states["nobody.example"], "skipped");
  for (const auto& e : *log) {
    if (e.domain == "mailto.example") {
      EXPECT_EQ(e.findings, std::vector<std::string>{required_standard()});
    }
  }

  // The same scan again, and a new scan with the same findings: nothing new.
  auto again = run(true, kNow + 60);
  ASSERT_TRUE(again);
  EXPECT_EQ(transport_.sent.size(), 2u);
  scan({"mailto.example", "https.example", "listed.example", "nobody.example"},
       "2026-12-15T10:00:00Z");
  again = run(true, kNow + 40 * kDay);
  ASSERT_TRUE(again);
  EXPECT_EQ(transport_.sent.size(), 2u) << "the same findings are never told twice";

  // The address opts out (the token is in the message's List-Unsubscribe).
  const auto& data = transport_.sent[0].data;
  const auto at = data.find("/notices/optout/");
  ASSERT_NE(at, std::string::npos);
  const auto token = data.substr(at + 16, 64);
  auto out = store_->record_optout(token, kNow + 41 * kDay);
  ASSERT_TRUE(out);
  ASSERT_TRUE(out->has_value());
  const auto opted = **out;
  EXPECT_TRUE(*store_->opted_out(opted));
  EXPECT_TRUE(*store_->record_optout(token, kNow + 42 * kDay)) << "idempotent";
  EXPECT_FALSE(store_->record_optout(std::string(64, '0'), kNow)->has_value());

  // Both fix it, then it comes back: only the address that did not opt out is told again.
  scan({}, "2027-01-10T10:00:00Z");
  scan({"mailto.example", "listed.example"}, "2027-02-10T10:00:00Z");
  auto back = run(true, kNow + 100 * kDay);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(transport_.sent.size(), 3u);
  EXPECT_NE(transport_.sent[2].to, opted);
  auto n = by_domain(*back);
  const auto opted_domain = opted == "cert@listed.example" ? "listed.example" : "mailto.example";
  EXPECT_EQ(n[opted_domain].state, "skipped");
  EXPECT_EQ(n[opted_domain].reason, "the recipient opted out");
  log = store_->notices(list_, 100);
  bool optout_logged = false;
  for (const auto& e : *log)
    optout_logged = optout_logged || (e.state == "opted_out" && e.recipient == opted);
  EXPECT_TRUE(optout_logged);
}

TEST_P(NoticesStoreTest, OneNoticePerPeriodAndBounces) {
  configure(true);
  ASSERT_TRUE(store_->save_contacts(list_, {{"Listed Org", "", "bounce@listed.example"}}));
  scan({"listed.example"}, "2026-11-01T10:00:00Z");
  auto first = run(true, kNow);
  ASSERT_TRUE(first);
  EXPECT_EQ(by_domain(*first)["listed.example"].state, "bounced");
  // A bounced notice did not tell: the next run (another scan, a second standard failing) tries
  // again; a notice that did go out keeps the domain quiet for the period.
  ASSERT_TRUE(store_->save_contacts(list_, {{"Listed Org", "", "cert@listed.example"}}));
  auto second = run(true, kNow + kDay);
  ASSERT_TRUE(second);
  EXPECT_EQ(by_domain(*second)["listed.example"].state, "sent");
  auto s = *store_->notice_settings(list_);
  s.period_days = 30;
  ASSERT_TRUE(store_->save_notice_settings(list_, s));
  auto history = store_->notice_history(list_);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->last_notice["listed.example"], kNow + kDay);
}

// A delivery status notification as Postfix writes it, sent to `to`, returning `message_id`.
std::string notification(const std::string& to, const std::string& message_id,
                         const std::string& action = "failed") {
  return "Return-Path: <>\nX-Original-To: " + to + "\nFrom: MAILER-DAEMON@mx.example\nTo: " + to +
         "\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: "
         "multipart/report; report-type=delivery-status;\n\tboundary=\"B1/mx.example\"\n\n"
         "This is a MIME-encapsulated message.\n\n--B1/mx.example\nContent-Type: text/plain\n\n"
         "I'm sorry to have to inform you...\n\n--B1/mx.example\nContent-Type: "
         "message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; "
         "security@mailto.example\nAction: " +
         action +
         "\nStatus: 5.1.1\nDiagnostic-Code: X-Postfix; unknown user: \"security\"\n\n"
         "--B1/mx.example\nContent-Type: text/rfc822-headers\n\nFrom: notices@cert.example\n"
         "Message-ID: <" +
         message_id + ">\nSubject: Security findings\n\n--B1/mx.example--\n";
}

TEST_P(NoticesStoreTest, BouncesArrivingLaterAreRecordedOnTheirNotice) {
  configure(true);
  scan({"mailto.example", "listed.example"}, "2026-11-01T10:00:00Z");
  ASSERT_TRUE(run(true, kNow, dir_ / "review"));
  ASSERT_EQ(transport_.sent.size(), 2u);
  std::map<std::string, std::string> from;  // recipient -> envelope sender
  for (const auto& m : transport_.sent) from[m.to] = m.from;
  const auto tag = bounce_tag(from["security@mailto.example"]);
  ASSERT_TRUE(tag);

  BounceRun bounces;
  // By the bounce address alone (a Message-ID the store does not know).
  ASSERT_TRUE(record_bounce_message(
      *store_, notification(from["security@mailto.example"], "other@elsewhere.example"), bounces));
  EXPECT_EQ(bounces.recorded, 1u);
  // By the returned Message-ID alone (the notification went to the plain sender).
  const auto listed_tag = bounce_tag(from["cert@listed.example"]);
  ASSERT_TRUE(listed_tag);
  ASSERT_TRUE(record_bounce_message(
      *store_, notification("notices@cert.example", message_id_of(*listed_tag)), bounces));
  EXPECT_EQ(bounces.recorded, 2u);
  // Naming nothing of ours, a delay, and a message that is no report: counted, nothing changed.
  ASSERT_TRUE(record_bounce_message(
      *store_, notification("notices+0123456789abcdef0123456789abcdef@cert.example", "x@y.example"),
      bounces));
  ASSERT_TRUE(record_bounce_message(
      *store_, notification(from["security@mailto.example"], "a@b.example", "delayed"), bounces));
  ASSERT_TRUE(record_bounce_message(*store_, "Subject: hello\n\nnot a report\n", bounces));
  EXPECT_EQ(bounces.recorded, 2u);
  EXPECT_EQ(bounces.unmatched, 1u);
  EXPECT_EQ(bounces.not_reports, 2u);

  auto log = store_->notices(list_, 100);
  ASSERT_TRUE(log);
  std::map<std::string, store::NoticeRecord> by;
  for (const auto& e : *log) by[e.domain] = e;
  EXPECT_EQ(by["mailto.example"].state, "bounced");
  EXPECT_NE(by["mailto.example"].reason.find("5.1.1"), std::string::npos)
      << by["mailto.example"].reason;
  EXPECT_NE(by["mailto.example"].reason.find("unknown user"), std::string::npos);
  EXPECT_EQ(by["listed.example"].state, "bounced");
  // A bounced notice told nothing: the next run after the period tries again.
  auto again = run(true, kNow + 31 * kDay, dir_ / "review");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(by_domain(*again)["mailto.example"].state, "sent");
}

// What the opt-out page shows before the POST: who holds the token, and whether it opted out.
TEST_P(NoticesStoreTest, TokenHolderShowsTheAddressAndItsOptOut) {
  const std::string token(64, 'c');
  ASSERT_TRUE(store_->recipient_token("owner@x.example", token));
  auto holder = store_->token_holder(token);
  ASSERT_TRUE(holder) << holder.error().message;
  ASSERT_TRUE(*holder);
  EXPECT_EQ((*holder)->address, "owner@x.example");
  EXPECT_FALSE((*holder)->opted_out);
  ASSERT_TRUE(store_->record_optout(token, kNow));
  EXPECT_TRUE((*store_->token_holder(token))->opted_out);
  auto nobody = store_->token_holder(std::string(64, 'd'));
  ASSERT_TRUE(nobody);
  EXPECT_FALSE(*nobody);
}

// The scan service's call after a complete scan: nothing without settings, a dry run written for
// review while the list has not opted in, sending once it has, and nothing new for the same scan.
TEST_P(NoticesStoreTest, AfterAScanNoticesFollowTheListsOptIn) {
  const auto scan_id = scan({"mailto.example", "listed.example"}, "2026-11-01T10:00:00Z");
  AfterScanSettings settings;
  settings.directory = (dir_ / "after").string();
  settings.transport = [this] {
    struct Forward : Transport {
      RecordingTransport* to;
      explicit Forward(RecordingTransport* t) : to(t) {}
      Delivery deliver(const std::string& f, const std::string& r, const std::string& d) override {
        return to->deliver(f, r, d);
      }
      std::string describe() const override { return "forward"; }
    };
    return std::unique_ptr<Transport>(new Forward(&transport_));
  };
  settings.now_unix = [] { return kNow; };
  settings.sleep = [](auto) {};
  auto none = notices_after_scan(*store_, builtin(), list_, scan_id, settings);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(none->what, "no notice settings");

  configure(false);
  auto dry = notices_after_scan(*store_, builtin(), list_, scan_id, settings);
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_EQ(dry->what, "dry run");
  const auto files = dir_ / "after" / list_ / ("scan-" + std::to_string(scan_id));
  EXPECT_TRUE(fs::exists(files / "summary.txt"));
  EXPECT_TRUE(transport_.sent.empty());
  EXPECT_TRUE(store_->notices(list_, 10)->empty()) << "a dry run records nothing";

  configure(true);
  auto sent = notices_after_scan(*store_, builtin(), list_, scan_id, settings);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->what, "sent");
  EXPECT_EQ(transport_.sent.size(), 2u);
  const auto line = after_scan_line(list_, scan_id, *sent);
  EXPECT_NE(line.find("sent 2"), std::string::npos) << line;
  auto again = notices_after_scan(*store_, builtin(), list_, scan_id, settings);
  ASSERT_TRUE(again);
  EXPECT_EQ(transport_.sent.size(), 2u) << "nothing new";
  EXPECT_EQ(again->report->already_told, 2u);
}

TEST_P(NoticesStoreTest, HallOfFameWithEntryDropAndOptOut) {
  scan({"mailto.example"}, "2026-10-01T10:00:00Z");
  scan({"https.example"}, "2026-11-01T10:00:00Z");
  ASSERT_TRUE(store_->set_hall_of_fame_optout("nobody.example", true));
  auto hall = hall_of_fame(*store_, builtin(), list_);
  ASSERT_TRUE(hall) << hall.error().message;
  const auto& l = hall->lists.at(list_);
  std::map<std::string, HallEntry> members;
  for (const auto& m : l.members) members[m.domain] = m;
  EXPECT_EQ(members.count("nobody.example"), 0u) << "opted out";
  EXPECT_EQ(members.count("https.example"), 0u);
  ASSERT_EQ(members.count("good.example"), 1u);
  EXPECT_EQ(members["good.example"].since, "2026-10-01");
  EXPECT_EQ(members["good.example"].confirmed, "2026-11-01");
  EXPECT_EQ(members["mailto.example"].since, "2026-11-01") << "the test that earned it";
  ASSERT_EQ(l.dropped.size(), 1u);
  EXPECT_EQ(l.dropped[0].domain, "https.example");
  EXPECT_EQ(l.dropped[0].dropped, "2026-11-01");
  EXPECT_EQ(l.dropped[0].since, "2026-10-01");
  ASSERT_TRUE(store_->set_hall_of_fame_optout("nobody.example", false));
  hall = hall_of_fame(*store_, builtin(), list_);
  bool back = false;
  for (const auto& m : hall->lists.at(list_).members) back = back || m.domain == "nobody.example";
  EXPECT_TRUE(back);
}

INSTANTIATE_TEST_SUITE_P(Stores, NoticesStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace baseline::notices
