// SPDX-License-Identifier: Apache-2.0
// Unit tests of the tag-value record parsers: DMARC, DKIM keys, TLS-RPT.
#include <gtest/gtest.h>

#include "mail/dkim/dkim_key.h"
#include "mail/dmarc/dmarc_record.h"
#include "mail/tag_list.h"
#include "mail/tlsrpt/tls_rpt_record.h"

namespace baseline::mail {
namespace {

TEST(TagList, ParsesAndRejects) {
  auto tags = parse_tag_list(" v = DMARC1 ;p=reject;; ");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  ASSERT_EQ(tags->size(), 2u);
  EXPECT_EQ((*tags)[0], (std::pair<std::string, std::string>{"v", "DMARC1"}));
  EXPECT_EQ((*tags)[1].second, "reject");
  EXPECT_FALSE(parse_tag_list("p=reject; p=none").ok());  // repeated tag
  EXPECT_FALSE(parse_tag_list("p").ok());
  EXPECT_FALSE(parse_tag_list("=x").ok());
  EXPECT_FALSE(parse_tag_list("1p=x").ok());
}

TEST(Dmarc, ParsesEveryTagItJudges) {
  auto r = dmarc::parse_record(
      "v=DMARC1; p=quarantine; sp=reject; np=reject; pct=50; t=y; psd=n; adkim=s; aspf=r; "
      "rua=mailto:a@example.org!10m,mailto:b@example.net; ruf=mailto:f@example.org; fo=1:d; "
      "rf=afrf; ri=86400; future=ignored");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->policy, dmarc::Policy::kQuarantine);
  EXPECT_EQ(r->subdomain_policy, dmarc::Policy::kReject);
  EXPECT_EQ(r->nonexistent_policy, dmarc::Policy::kReject);
  EXPECT_EQ(r->percent, 50);
  EXPECT_TRUE(r->testing);
  EXPECT_EQ(r->psd, 'n');
  EXPECT_EQ(r->dkim_alignment, 's');
  ASSERT_EQ(r->aggregate_reports.size(), 2u);
  EXPECT_EQ(r->aggregate_reports[0].uri, "mailto:a@example.org");
  EXPECT_EQ(r->aggregate_reports[1].mailbox_domain, "example.net");
}

TEST(Dmarc, RejectsMalformedRecords) {
  EXPECT_FALSE(dmarc::is_dmarc_record("p=reject; v=DMARC1"));  // v must come first
  EXPECT_FALSE(dmarc::is_dmarc_record("v=dmarc1; p=reject"));  // and be spelled exactly
  for (const char* bad :
       {"v=DMARC1; p=block", "v=DMARC1", "v=DMARC1; p=none; pct=101", "v=DMARC1; p=none; adkim=x",
        "v=DMARC1; p=none; rua=dmarc@example.org", "v=DMARC1; p=none; rua=mailto:a@example.org!big",
        "v=DMARC1; p=none; fo=2", "v=DMARC1; p=none; t=maybe"}) {
    EXPECT_FALSE(dmarc::parse_record(bad).ok()) << bad;
  }
}

// A real 1024-bit RSA SubjectPublicKeyInfo, made with openssl genpkey.
constexpr const char* kRsa1024 =
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDa6K/RrsvMufHTiC670y2kvt+80K5C05Z2PV9sro1mKDWKUo0uPg"
    "7b3h75nuch3ehXX8xU82VqZjHw7W+awkRYCyVifaER3wCpJqGRGBRhc1ZSFi0RJRstMMwV35LYGX4shmHoqPs89VX1"
    "dt9tqD4CnmrZ5w5iwgPArOTorM05nQIDAQAB";

TEST(DkimKey, ReadsRsaSizeEd25519AndRevocation) {
  auto rsa = dkim::parse_key_record(std::string("v=DKIM1; k=rsa; p=") + kRsa1024);
  ASSERT_TRUE(rsa.ok()) << rsa.error().message;
  EXPECT_EQ(rsa->type, dkim::KeyType::kRsa);
  EXPECT_EQ(rsa->bits, 1024);
  auto ed = dkim::parse_key_record("k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
  ASSERT_TRUE(ed.ok()) << ed.error().message;
  EXPECT_EQ(ed->type, dkim::KeyType::kEd25519);
  auto revoked = dkim::parse_key_record("v=DKIM1; p=");
  ASSERT_TRUE(revoked.ok());
  EXPECT_TRUE(revoked->revoked);
}

TEST(DkimKey, RejectsBrokenKeys) {
  for (const char* bad : {"v=DKIM1; k=rsa", "k=rsa; v=DKIM1; p=", "v=DKIM2; p=", "k=dsa; p=AAAA",
                          "p=not*base64", "k=ed25519; p=AAAA", "p=AAAAAAAA"}) {
    EXPECT_FALSE(dkim::parse_key_record(bad).ok()) << bad;
  }
}

TEST(TlsRpt, ParsesAndRejects) {
  auto r = tlsrpt::parse_record("v=TLSRPTv1; rua=mailto:tls@example.org,https://r.example.org/v1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->report_uris.size(), 2u);
  EXPECT_FALSE(tlsrpt::parse_record("v=TLSRPTv1").ok());
  EXPECT_FALSE(tlsrpt::parse_record("v=TLSRPTv1; rua=ftp://x.example").ok());
  EXPECT_FALSE(tlsrpt::parse_record("v=TLSRPTv1; rua=mailto:nobody").ok());
  EXPECT_FALSE(tlsrpt::is_tls_rpt_record("v=TLSRPTv10; rua=mailto:a@b.example"));
}

}  // namespace
}  // namespace baseline::mail
