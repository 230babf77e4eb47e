// SPDX-License-Identifier: Apache-2.0
// The digest after a scheduled scan: its composition (escaping, no header from a list name, the
// regressed and improved domains) and who gets it (the list's owner at the account's address,
// never an account that opted out or has no usable address, nobody for a list without owner),
// through a real store with two stored scans and a recording transport: SQLite always, and
// PostgreSQL too when BASELINE_TEST_POSTGRESQL names a database the test may empty.
#include "notices/digest.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "notices/digest_after_scan.h"
#include "observatory/list_owner.h"
#include "store/account_store.h"
#include "store/store.h"

namespace baseline::notices {
namespace {

namespace fs = std::filesystem;
constexpr std::int64_t kNow = 1795000000;

// Undoes quoted-printable, so that the tests read the bodies as a mail reader shows them.
std::string unqp(const std::string& data) {
  std::string out;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '=' && i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n') {
      i += 2;
    } else if (data[i] == '=' && i + 2 < data.size() && std::isxdigit(data[i + 1]) &&
               std::isxdigit(data[i + 2])) {
      out += static_cast<char>(std::stoi(data.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += data[i];
    }
  }
  return out;
}

std::string headers_of(const std::string& data) {
  return data.substr(0, data.find("\r\n\r\n"));
}

DigestContent content() {
  DigestContent c;
  c.list = "Gov <b>&amp; co</b>";
  c.scan = 12;
  c.scan_date = "2026-12-01";
  c.compared_with = 11;
  c.report_url = "https://baseline.example/scans/12?compare=11";
  c.account_url = "https://baseline.example/account";
  c.sender = "digest@baseline.example";
  c.recipient = "owner@example.org";
  c.regressed = {{"bad.example", {"web-https"}}};
  c.improved = {{"<script>x</script>.example", {"mail-dmarc", "web-tls"}}};
  c.domains = 5;
  c.unchanged = 3;
  return c;
}

TEST(DigestCompose, SubjectLinkCountsAndBothSections) {
  auto m = compose_digest(content(), kNow, "0123abcd");
  ASSERT_TRUE(m) << m.error().message;
  const auto body = unqp(m->data);
  EXPECT_NE(headers_of(m->data).find("To: owner@example.org\r\n"), std::string::npos);
  EXPECT_NE(headers_of(m->data).find("From: \"Baseline\" <digest@baseline.example>"),
            std::string::npos);
  EXPECT_NE(m->message_id.find(".digest@baseline.example"), std::string::npos);
  EXPECT_NE(body.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(body.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(body.find("Regressed (1):\r\n  - bad.example: web-https"), std::string::npos);
  EXPECT_NE(body.find("Improved (1):"), std::string::npos);
  EXPECT_NE(body.find("mail-dmarc, web-tls"), std::string::npos);
  EXPECT_NE(body.find("1 regressed, 1 improved, 3 unchanged, 0 new, of 5 domains"),
            std::string::npos);
  EXPECT_NE(body.find("https://baseline.example/scans/12?compare=11"), std::string::npos);
  EXPECT_NE(body.find("https://baseline.example/account"), std::string::npos);
}

TEST(DigestCompose, OutsideTextIsEscapedInTheHtmlPart) {
  auto m = compose_digest(content(), kNow, "0123abcd");
  ASSERT_TRUE(m);
  const auto body = unqp(m->data);
  const auto html = body.substr(body.find("text/html"));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>&amp;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;.example"), std::string::npos);
  EXPECT_NE(html.find("Gov &lt;b&gt;&amp;amp; co&lt;/b&gt;"), std::string::npos);
  // The plain-text part shows the name as it is.
  EXPECT_NE(body.find("your list \"Gov <b>&amp; co</b>\""), std::string::npos);
}

TEST(DigestCompose, AListNameAddsNoHeader) {
  auto c = content();
  c.list = "evil\r\nBcc: victim@evil.example\r\nX-Injected: 1";
  auto m = compose_digest(c, kNow, "0123abcd");
  ASSERT_TRUE(m) << m.error().message;
  const auto headers = headers_of(m->data);
  EXPECT_EQ(headers.find("\r\nBcc:"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("\r\nX-Injected:"), std::string::npos) << headers;
  // Every header line is a field or a folded continuation.
  std::regex field("^([A-Za-z-]+:| ).*");
  std::size_t at = 0;
  while (at < headers.size()) {
    auto end = headers.find("\r\n", at);
    if (end == std::string::npos) end = headers.size();
    const auto line = headers.substr(at, end - at);
    EXPECT_TRUE(std::regex_match(line, field)) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
    at = end + 2;
  }
  // The subject holds the name on one line, encoded.
  EXPECT_NE(headers.find("Subject: =?UTF-8?B?"), std::string::npos) << headers;
}

TEST(DigestCompose, UnsafeUrlsAndAddressesAreRefused) {
  auto c = content();
  c.report_url = "https://x.example/\r\nBcc: a@b.example";
  EXPECT_FALSE(compose_digest(c, kNow, "00"));
  c = content();
  c.recipient = "owner@example.org\r\nBcc: a@b.example";
  EXPECT_FALSE(compose_digest(c, kNow, "00"));
  c = content();
  c.recipient = "";
  EXPECT_FALSE(compose_digest(c, kNow, "00"));
}

TEST(DigestCompose, LongSectionsAreBounded) {
  auto c = content();
  c.regressed.clear();
  for (std::size_t i = 0; i < kDigestDomainsShown + 50; ++i)
    c.regressed.push_back({"d" + std::to_string(i) + ".example", {"web-https"}});
  auto m = compose_digest(c, kNow, "0123abcd");
  ASSERT_TRUE(m);
  const auto body = unqp(m->data);
  EXPECT_NE(body.find("and 50 more in the report"), std::string::npos);
  EXPECT_EQ(body.find("d" + std::to_string(kDigestDomainsShown) + ".example"), std::string::npos);
}

class RecordingTransport : public Transport {
 public:
  explicit RecordingTransport(std::vector<std::string>* sent) : sent_(sent) {}
  Delivery deliver(const std::string&, const std::string& to, const std::string& data) override {
    sent_->push_back(to + "\n" + data);
    return {Delivery::Outcome::kSent, "250 ok"};
  }
  std::string describe() const override { return "recording"; }

 private:
  std::vector<std::string>* sent_;
};

class DigestStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-digest-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    std::string url = "sqlite:" + (dir_ / "d.db").string();
    if (GetParam() == "postgresql") {
      const char* pg = std::getenv("BASELINE_TEST_POSTGRESQL");
      if (!pg) GTEST_SKIP() << "BASELINE_TEST_POSTGRESQL is not set";
      url = pg;
      PGconn* c = PQconnectdb(url.c_str());
      ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
      PGresult* r = PQexec(c,
                           "SET client_min_messages = warning; DROP SCHEMA public CASCADE; "
                           "CREATE SCHEMA public");
      EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
      PQclear(r);
      PQfinish(c);
    }
    auto opened = store::open_store(url);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->save_list(list_, {{"up.example", "", "", "Org"},
                                          {"down.example", "", "", "Org"},
                                          {"same.example", "", "", "Org"}}));
    store::AccountStore accounts(*store_->sql());
    ASSERT_TRUE(accounts.add("Owner", "owner", "hash"));
    ASSERT_TRUE(accounts.add("Other", "other", "hash"));
    owner_ = (*accounts.find_by_key("owner"))->id;
    other_ = (*accounts.find_by_key("other"))->id;
    auto list = observatory::find_list(*store_, list_);
    ASSERT_TRUE(list && *list);
    list_id_ = (*list)->id;
    ASSERT_TRUE(observatory::set_list_settings(*store_, list_id_, owner_, "all"));
    // up.example improves, down.example regresses, same.example stays.
    first_ = scan({{"up.example", "fail"}, {"down.example", "pass"}, {"same.example", "pass"}});
    second_ = scan({{"up.example", "pass"}, {"down.example", "fail"}, {"same.example", "pass"}});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::int64_t scan(const std::map<std::string, std::string>& verdicts) {
    auto id = store_->create_scan(list_, "t", "c");
    EXPECT_TRUE(id);
    std::vector<store::DomainRecord> records;
    for (const auto& [domain, verdict] : verdicts) {
      store::DomainRecord r{domain, "2026-12-01T00:00:00Z", 10, 50};
      r.standards.push_back({"web-https", verdict});
      records.push_back(std::move(r));
    }
    EXPECT_TRUE(store_->claim(*id, "w", 100, 0, 1));
    EXPECT_TRUE(store_->save(*id, records));
    EXPECT_TRUE(store_->finish_scan(*id));
    return *id;
  }

  core::Result<DigestOutcome> run(std::int64_t scan) {
    DigestSettings s;
    s.sender = "digest@baseline.example";
    s.public_url = "https://baseline.example/";
    s.transport = [this] { return std::make_unique<RecordingTransport>(&sent_); };
    s.now_unix = [] { return kNow; };
    return digest_after_scan(*store_, list_, scan, s);
  }

  store::AccountStore accounts() { return store::AccountStore(*store_->sql()); }

  fs::path dir_;
  std::string list_ = "gov";
  std::unique_ptr<store::Store> store_;
  std::int64_t owner_ = 0, other_ = 0, list_id_ = 0, first_ = 0, second_ = 0;
  std::vector<std::string> sent_;
};

TEST_P(DigestStoreTest, TheOwnerGetsWhatRegressedAndImproved) {
  ASSERT_TRUE(accounts().set_email(owner_, "owner@example.org"));
  ASSERT_TRUE(accounts().set_email(other_, "other@example.org"));
  auto outcome = run(second_);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->what, "sent");
  ASSERT_EQ(sent_.size(), 1u);
  const auto mail = unqp(sent_[0]);
  EXPECT_TRUE(mail.starts_with("owner@example.org\n"));
  auto subject = mail.substr(mail.find("Subject: "));
  subject = std::regex_replace(subject.substr(0, subject.find("\r\nDate:")), std::regex("\r\n "),
                               " ");  // unfolded
  EXPECT_TRUE(std::regex_match(
      subject,
      std::regex("Subject: Baseline digest: gov, scan of \\d{4}-\\d\\d-\\d\\d: 1 regressed, "
                 "1 improved")))
      << subject;
  EXPECT_NE(mail.find("Regressed (1):\r\n  - down.example: web-https"), std::string::npos);
  EXPECT_NE(mail.find("Improved (1):\r\n  - up.example: web-https"), std::string::npos);
  EXPECT_EQ(mail.find("same.example"), std::string::npos);
  EXPECT_NE(mail.find("https://baseline.example/scans/" + std::to_string(second_) +
                      "?compare=" + std::to_string(first_)),
            std::string::npos);
  EXPECT_EQ(mail.find("other@example.org"), std::string::npos);
}

TEST_P(DigestStoreTest, TheFirstScanIsToldWithoutComparison) {
  ASSERT_TRUE(accounts().set_email(owner_, "owner@example.org"));
  ASSERT_TRUE(run(first_));
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_NE(unqp(sent_[0]).find("the list's first scan"), std::string::npos);
  EXPECT_EQ(unqp(sent_[0]).find("?compare="), std::string::npos);
}

TEST_P(DigestStoreTest, OptOutIsHonouredAndCanBeUndone) {
  ASSERT_TRUE(accounts().set_email(owner_, "owner@example.org"));
  ASSERT_TRUE(accounts().set_digest_optout(owner_, true));
  ASSERT_TRUE(accounts().set_digest_optout(owner_, true));  // twice is once
  EXPECT_TRUE(*accounts().digest_opted_out(owner_));
  EXPECT_FALSE(*accounts().digest_opted_out(other_));
  auto outcome = run(second_);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->what, "opted out");
  EXPECT_TRUE(sent_.empty());
  ASSERT_TRUE(accounts().set_digest_optout(owner_, false));
  ASSERT_TRUE(run(second_));
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_P(DigestStoreTest, NothingIsSentWithoutAUsableAddress) {
  auto outcome = run(second_);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->what, "no address");
  // An address stored past the checks (by hand in the database) is checked again.
  ASSERT_TRUE(accounts().set_email(owner_, "owner@example.org\r\nBcc: victim@evil.example"));
  outcome = run(second_);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->what, "no address");
  EXPECT_TRUE(sent_.empty());
}

TEST_P(DigestStoreTest, AListWithoutOwnerOrASenderGetsNone) {
  ASSERT_TRUE(accounts().set_email(owner_, "owner@example.org"));
  DigestSettings none;
  none.transport = [this] { return std::make_unique<RecordingTransport>(&sent_); };
  auto outcome = digest_after_scan(*store_, list_, second_, none);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->what, "no sender");
  ASSERT_TRUE(observatory::set_list_settings(*store_, list_id_, 0, "all"));
  outcome = run(second_);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->what, "no owner");
  EXPECT_TRUE(sent_.empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, DigestStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace baseline::notices
