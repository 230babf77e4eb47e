// SPDX-License-Identifier: Apache-2.0
// mail.dkim with in-memory DNS (FakeResolver) and keys made for the test: the _domainkey node
// (missing, present without keys), RSA keys of 2048, 1024 and 512 bits, Ed25519, a revoked and
// a malformed key, a selector named with --dkim-selector, a domain that sends no mail, and a
// failing lookup.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>

#include "checks/mail/mail_checks.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks::mail_family {
namespace {
using core::Verdict;
namespace t = dns::testing;

std::string base64(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// "v=DKIM1; k=rsa; p=…" with a fresh RSA key of `bits`, or an Ed25519 key (bits 0).
std::string key_record(int bits) {
  EVP_PKEY* key = bits == 0
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
  if (!key) throw std::runtime_error("key generation failed");
  std::vector<unsigned char> encoded;
  if (bits == 0) {
    std::size_t size = 32;
    encoded.resize(size);
    EVP_PKEY_get_raw_public_key(key, encoded.data(), &size);
  } else {
    const int size = i2d_PUBKEY(key, nullptr);
    encoded.resize(static_cast<std::size_t>(size));
    unsigned char* p = encoded.data();
    i2d_PUBKEY(key, &p);
  }
  EVP_PKEY_free(key);
  return std::string("v=DKIM1; k=") + (bits == 0 ? "ed25519" : "rsa") + "; p=" + base64(encoded);
}

class DkimCheck : public ::testing::Test {
 protected:
  DkimCheck() {
    // The node exists (NOERROR) unless a test says otherwise.
    resolver_.add("_domainkey.example.nl", dns::rr_type::kTxt,
                  t::answer("_domainkey.example.nl", dns::rr_type::kTxt, {}));
  }
  void key(const std::string& selector, const std::string& record) {
    const std::string name = selector + "._domainkey.example.nl";
    resolver_.add(name, dns::rr_type::kTxt,
                  t::answer(name, dns::rr_type::kTxt, {t::txt(name, {record})}));
  }
  core::CheckResult run(bool non_sending = false, std::vector<std::string> selectors = {}) {
    auto domain = core::DomainName::parse("example.nl");
    CheckContext context{*domain, resolver_, core::AddressGuard(false)};
    context.dkim_selectors = std::move(selectors);
    boost::asio::io_context io;
    auto r = t::run(io, check_dkim(context, non_sending));
    EXPECT_EQ(r.id, "mail.dkim");
    EXPECT_EQ(r.target, "example.nl");
    return r;
  }
  t::FakeResolver resolver_;
};

TEST_F(DkimCheck, ADomainThatSendsNoMailNeedsNone) {
  auto r = run(true);
  EXPECT_EQ(r.verdict, Verdict::kNotApplicable);
  EXPECT_EQ(resolver_.asked, 0) << "nothing to look up";
}

TEST_F(DkimCheck, NoDomainkeyNodeFails) {
  resolver_.add(
      "_domainkey.example.nl", dns::rr_type::kTxt,
      t::answer("_domainkey.example.nl", dns::rr_type::kTxt, {}, {}, dns::rcode::kNxDomain));
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.summary.rfind("no DKIM: _domainkey.example.nl does not exist (NXDOMAIN)", 0), 0u)
      << r.summary;
  EXPECT_EQ(r.details["domainkey_node"], false);
}

TEST_F(DkimCheck, TheNodeWithoutAKeyAtAnySelectorTried) {
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  const auto tried = well_known_dkim_selectors().size();
  EXPECT_EQ(r.summary, "_domainkey.example.nl exists; no key found at the " +
                           std::to_string(tried) + " selectors tried");
  EXPECT_EQ(r.details["selectors_tried"], tried);
  EXPECT_EQ(r.details["keys"].size(), 0u);
}

TEST_F(DkimCheck, KeysAreJudgedBySize) {
  key("selector1", key_record(2048));
  key("google", key_record(0));
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  EXPECT_NE(r.summary.find("selector selector1: RSA key of 2048 bits"), std::string::npos)
      << r.summary;
  EXPECT_NE(r.summary.find("selector google: Ed25519 key"), std::string::npos) << r.summary;
  ASSERT_EQ(r.details["keys"].size(), 2u);

  key("selector2", key_record(1024));
  r = run();
  EXPECT_EQ(r.verdict, Verdict::kWarn) << r.summary;
  EXPECT_NE(r.summary.find("selector selector2: RSA key of 1024 bits (2048 recommended)"),
            std::string::npos)
      << r.summary;

  key("k1", key_record(512));
  r = run();
  EXPECT_EQ(r.verdict, Verdict::kFail) << r.summary;
  EXPECT_NE(r.summary.find("selector k1: RSA key of 512 bits is breakable"), std::string::npos)
      << r.summary;
}

TEST_F(DkimCheck, RevokedAndMalformedKeys) {
  key("default", "v=DKIM1; p=");
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  EXPECT_NE(r.summary.find("selector default: key revoked (empty p=)"), std::string::npos)
      << r.summary;
  EXPECT_EQ(r.details["keys"][0]["revoked"], true);

  key("mail", "v=DKIM1; k=rsa; p=not*base64");
  r = run();
  EXPECT_EQ(r.verdict, Verdict::kWarn) << r.summary;
  EXPECT_NE(r.summary.find("selector mail: "), std::string::npos) << r.summary;
}

TEST_F(DkimCheck, ANamedSelectorIsAskedFirst) {
  key("brand2024", key_record(2048));
  auto r = run(false, {"brand2024"});
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  EXPECT_EQ(r.details["keys"][0]["selector"], "brand2024");
  EXPECT_EQ(r.details["selectors_tried"], well_known_dkim_selectors().size() + 1);
  // Not asked for, not found.
  r = run();
  EXPECT_EQ(r.details["keys"].size(), 0u);
}

TEST_F(DkimCheck, AFailingLookupIsAnError) {
  resolver_.fail("_domainkey.example.nl", dns::rr_type::kTxt, "no answer within 3000 ms");
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kError);
  EXPECT_EQ(r.summary, "lookup of _domainkey.example.nl failed: no answer within 3000 ms");
}

}  // namespace
}  // namespace baseline::checks::mail_family
