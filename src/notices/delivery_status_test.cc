// SPDX-License-Identifier: Apache-2.0
// Delivery status notifications (RFC 3464) as they come back, and hostile ones: parsed bounded,
// only a failed recipient counts, the notice named by its bounce address or returned Message-ID;
// the bounce address itself; reading maildirs and mbox files with a bound per message.
#include "notices/delivery_status.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "notices/bounce_address.h"
#include "notices/mail_folder.h"

namespace baseline::notices {
namespace {

namespace fs = std::filesystem;

const std::string kTag = "0123456789abcdef0123456789abcdef";

std::string report(
    const std::string& status_fields, const std::string& to,
    const std::string& returned = "Message-ID: <abc.notice@cert.example>\n",
    const std::string& type = "multipart/report; report-type=delivery-status; boundary=\"XX\"") {
  return "From: MAILER-DAEMON@mx.example\nTo: " + to + "\nContent-Type: " + type +
         "\n\npreamble\n--XX\nContent-Type: text/plain\n\nsorry\n--XX\nContent-Type: "
         "message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n" +
         status_fields + "\n--XX\nContent-Type: text/rfc822-headers\n\n" + returned +
         "Subject: x\n\n--XX--\n";
}

const std::string kFailed =
    "Final-Recipient: rfc822; owner@example.org\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <owner@example.org>: Recipient address rejected\n";

TEST(DeliveryStatus, AFailedRecipientNamesTheNoticeByBounceAddressAndMessageId) {
  auto failure = parse_delivery_status(report(kFailed, "<notices+" + kTag + "@Cert.Example>"));
  ASSERT_TRUE(failure) << failure.error().message;
  EXPECT_EQ(failure->bounce_tag, kTag);
  EXPECT_EQ(failure->bounce_domain, "cert.example");
  EXPECT_EQ(failure->message_id, "abc.notice@cert.example");
  EXPECT_EQ(failure->recipient, "owner@example.org");
  EXPECT_EQ(failure->status, "5.1.1");
  EXPECT_EQ(failure->diagnostic, "550 5.1.1 <owner@example.org>: Recipient address rejected");
  EXPECT_EQ(message_id_of({failure->bounce_tag, failure->bounce_domain}),
            kTag + ".notice@cert.example");
}

TEST(DeliveryStatus, CrLfLineEndsAndFoldedFieldsAreRead) {
  std::string text = report(kFailed, "notices@cert.example");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto failure = parse_delivery_status(crlf);
  ASSERT_TRUE(failure) << failure.error().message;
  EXPECT_EQ(failure->message_id, "abc.notice@cert.example");
  EXPECT_TRUE(failure->bounce_tag.empty());
  auto folded = parse_delivery_status(
      report(kFailed, "x@y.example", "Message-ID:\n <folded.notice@cert.example>\n",
             "multipart/report;\n report-type=delivery-status;\n\tboundary=XX"));
  ASSERT_TRUE(folded) << folded.error().message;
  EXPECT_EQ(folded->message_id, "folded.notice@cert.example");
}

TEST(DeliveryStatus, OnlyAFailureIsABounce) {
  for (const auto* action : {"delayed", "delivered", "relayed", "expanded"}) {
    auto r = parse_delivery_status(report(
        "Final-Recipient: rfc822; a@b.example\nAction: " + std::string(action) + "\n", "x@y"));
    EXPECT_FALSE(r) << action;
  }
}

TEST(DeliveryStatus, HostileNotificationsAreRefusedOrBounded) {
  EXPECT_FALSE(parse_delivery_status("Subject: hi\n\nhello\n"));
  EXPECT_FALSE(parse_delivery_status(
      report(kFailed, "x@y", "Message-ID: <a@b>\n",
             "multipart/report; report-type=disposition-notification; boundary=XX")));
  EXPECT_FALSE(parse_delivery_status(report(kFailed, "x@y", "Message-ID: <a@b>\n",
                                            "multipart/report; report-type=delivery-status")));
  EXPECT_FALSE(parse_delivery_status(
      report(kFailed, "x@y", "Message-ID: <a@b>\n",
             "multipart/report; report-type=delivery-status; boundary=" + std::string(71, 'b'))));
  // Nothing names a notice: neither a bounce address nor a returned Message-ID.
  EXPECT_FALSE(parse_delivery_status(report(kFailed, "notices@cert.example", "")));
  EXPECT_FALSE(parse_delivery_status(report(kFailed, "x@y", "Message-ID: <with space@b>\n")));
  // Over 1 MiB: refused before parsing.
  EXPECT_FALSE(parse_delivery_status(std::string(kMaxNotificationBytes + 1, 'a')));
  // Control characters and a huge diagnostic: printable and bounded.
  auto noisy = parse_delivery_status(report(
      "Final-Recipient: rfc822; a\x01@b.example\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: "
      "smtp; " +
          std::string(100000, 'x') + "\n",
      "notices+" + kTag + "@cert.example"));
  ASSERT_TRUE(noisy) << noisy.error().message;
  EXPECT_EQ(noisy->recipient, "a\\x01@b.example");
  EXPECT_EQ(noisy->status, "5.0.0");
  auto bad_status = parse_delivery_status(
      report("Final-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.\x10\x01\n", "x@y"));
  ASSERT_TRUE(bad_status);
  EXPECT_EQ(bad_status->status, "") << "not an RFC 3463 code";
  EXPECT_LE(noisy->diagnostic.size(), 304u);
  // 10,000 recipient groups: only the first hundred are looked at.
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "Final-Recipient: rfc822; a@b\nAction: delayed\n\n";
  EXPECT_FALSE(parse_delivery_status(report(many + kFailed, "x@y")));
}

TEST(BounceAddress, TagsFitTheLocalPartAndAreReadBackExactly) {
  EXPECT_EQ(bounce_address("notices@cert.example", kTag), "notices+" + kTag + "@cert.example");
  EXPECT_EQ(bounce_address(std::string(40, 'n') + "@cert.example", kTag),
            std::string(40, 'n') + "@cert.example")
      << "over 64 octets: the plain sender";
  EXPECT_EQ(bounce_address("notices@cert.example", "not-hex"), "notices@cert.example");
  EXPECT_TRUE(bounce_tag("Bounce <notices+" + kTag + "@cert.example>"));
  EXPECT_FALSE(bounce_tag("notices+" + kTag.substr(1) + "@cert.example"));
  EXPECT_FALSE(bounce_tag("notices+0123456789ABCDEF0123456789ABCDEF@cert.example"));
  EXPECT_FALSE(bounce_tag("notices+" + kTag + "@cert example"));
  EXPECT_FALSE(bounce_tag("notices@cert.example"));
}

class MailFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-mail-folder-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MailFolderTest, MboxMessagesAreSplitAndAnOversizedOneIsSkipped) {
  std::ofstream(dir_ / "inbox") << "From a@b Thu Dec  3 10:00:00 2026\nSubject: one\n\nbody\n\n"
                                << "From c@d Thu Dec  3 10:01:00 2026\nSubject: two\n\n"
                                << std::string(5000, 'x') << "\n\n"
                                << "From e@f Thu Dec  3 10:02:00 2026\nSubject: three\n\nend";
  std::vector<std::string> seen;
  auto count = read_mbox((dir_ / "inbox").string(),
                         [&](std::string_view m) { seen.emplace_back(m); }, {1000, 100});
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(count->messages, 2u);
  EXPECT_EQ(count->too_large, 1u);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], "Subject: one\n\nbody\n\n");
  EXPECT_EQ(seen[1], "Subject: three\n\nend");
  EXPECT_FALSE(read_mbox((dir_ / "none").string(), [](std::string_view) {}));
}

TEST_F(MailFolderTest, MaildirReadsNewAndCurWithTheBound) {
  EXPECT_FALSE(read_maildir(dir_.string(), [](std::string_view) {}));
  fs::create_directories(dir_ / "new");
  fs::create_directories(dir_ / "cur");
  std::ofstream(dir_ / "new" / "1") << "Subject: a\n\n";
  std::ofstream(dir_ / "cur" / "2") << "Subject: b\n\n";
  std::ofstream(dir_ / "cur" / "3") << std::string(2000, 'x');
  std::size_t seen = 0;
  auto count = read_maildir(dir_.string(), [&](std::string_view) { ++seen; }, {1000, 100});
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(seen, 2u);
  EXPECT_EQ(count->too_large, 1u);
}

}  // namespace
}  // namespace baseline::notices
