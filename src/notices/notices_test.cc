// SPDX-License-Identifier: Apache-2.0
// Notices without a database: the decision rules (fixed clock), the recipient, the message
// (parsed back), hostile input (CRLF in contacts, 10,000 contacts, 1 MB values), the rate limiter.
#include <gtest/gtest.h>

#include <map>

#include "catalog/catalog.h"
#include "i18n/message_catalogue.h"
#include "notices/address.h"
#include "notices/decision.h"
#include "notices/language.h"
#include "notices/message.h"
#include "notices/rate_limiter.h"
#include "notices/transport.h"
#include "report/html.h"

namespace baseline::notices {
namespace {

constexpr std::int64_t kNow = 1795000000;  // 2026-11-17
constexpr std::int64_t kDay = 86400;

const catalog::Catalog& builtin() {
  static const catalog::Catalog c = *catalog::load_catalog("");
  return c;
}

// A required and a recommended standard of the built-in catalogue.
std::string required_standard() {
  for (const auto& s : builtin().standards)
    if (s.level == core::Level::kRequired && s.assessment == catalog::Assessment::kTested)
      return s.id;
  return "";
}
std::string recommended_standard() {
  for (const auto& s : builtin().standards)
    if (s.level == core::Level::kRecommended && s.assessment == catalog::Assessment::kTested)
      return s.id;
  return "";
}

store::DomainSummary summary(const std::string& domain,
                             std::vector<std::pair<std::string, std::string>> verdicts) {
  store::DomainSummary d;
  d.domain = domain;
  for (auto& [s, v] : verdicts) d.standards.push_back({s, v});
  return d;
}

TEST(Decision, RequiredFailIsAFindingErrorIsNot) {
  const auto req = required_standard(), rec = recommended_standard();
  ASSERT_FALSE(req.empty());
  ASSERT_FALSE(rec.empty());
  store::NoticeHistory none;
  auto d = decide(builtin(), summary("a.example", {{req, "fail"}, {rec, "fail"}}), nullptr, none,
                  kNow, 30);
  ASSERT_EQ(d.findings.size(), 1u)
      << "a failing recommended standard that did not regress is no finding";
  EXPECT_EQ(d.findings[0].standard, req);
  EXPECT_TRUE(d.due());
  d = decide(builtin(), summary("a.example", {{req, "error"}}), nullptr, none, kNow, 30);
  EXPECT_TRUE(d.findings.empty());
}

TEST(Decision, RegressionOfARecommendedStandardIsAFinding) {
  const auto rec = recommended_standard();
  const auto before = summary("a.example", {{rec, "pass"}});
  auto d = decide(builtin(), summary("a.example", {{rec, "fail"}}), &before, {}, kNow, 30);
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_TRUE(d.findings[0].regressed);
  EXPECT_FALSE(d.findings[0].required);
}

TEST(Decision, NeverTheSameFindingTwiceUnlessItCameBack) {
  const auto req = required_standard();
  store::NoticeHistory h;
  h.told[{"a.example", req}] = 3;  // told by the notice of scan 3
  h.last_notice["a.example"] = kNow - 60 * kDay;
  auto d = decide(builtin(), summary("a.example", {{req, "fail"}}), nullptr, h, kNow, 30);
  EXPECT_TRUE(d.findings.empty());
  EXPECT_EQ(d.told.size(), 1u);
  h.last_pass[{"a.example", req}] = 2;  // passed before it was told: still told
  d = decide(builtin(), summary("a.example", {{req, "fail"}}), nullptr, h, kNow, 30);
  EXPECT_TRUE(d.findings.empty());
  h.last_pass[{"a.example", req}] = 4;  // fixed in scan 4, failing again now: it came back
  d = decide(builtin(), summary("a.example", {{req, "fail"}}), nullptr, h, kNow, 30);
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_TRUE(d.due());
}

TEST(Decision, AtMostOneNoticePerPeriod) {
  const auto req = required_standard();
  store::NoticeHistory h;
  h.last_notice["a.example"] = kNow - 29 * kDay;
  auto d = decide(builtin(), summary("a.example", {{req, "fail"}}), nullptr, h, kNow, 30);
  EXPECT_TRUE(d.within_period);
  EXPECT_FALSE(d.due());
  EXPECT_EQ(d.last_notice, kNow - 29 * kDay);
  d = decide(builtin(), summary("a.example", {{req, "fail"}}), nullptr, h, kNow + 2 * kDay, 30);
  EXPECT_TRUE(d.due());
  d = decide(builtin(), summary("a.example", {{req, "fail"}}), nullptr, h, kNow, 7);
  EXPECT_TRUE(d.due()) << "a list's own period";
}

core::CheckResult security_txt(const std::string& host, std::vector<std::string> contacts,
                               std::vector<std::string> languages = {}, std::size_t total = 0,
                               std::size_t bytes = 300) {
  core::CheckResult r;
  r.id = "web.security_txt";
  r.target = "198.18.10.10:443";
  r.verdict = core::Verdict::kPass;
  r.details["url"] = "https://" + host + "/.well-known/security.txt";
  r.details["contacts"] = contacts;
  r.details["contacts_total"] = total ? total : contacts.size();
  r.details["preferred_languages"] = languages;
  r.details["bytes"] = bytes;
  return r;
}

TEST(Recipient, MailtoOfTheApexFirstHeaderFieldsIgnored) {
  const std::vector<store::ListContact> list{{"Org", "", "cert@org.example"}};
  auto r = find_recipient(
      "a.example", "Org",
      {security_txt("www.a.example", {"mailto:www@a.example"}),
       security_txt("a.example",
                    {"https://a.example/report", "mailto:Sec@A.Example?bcc=x@evil.example"},
                    {"nl", "en"})},
      list);
  EXPECT_EQ(r.source, Recipient::Source::kSecurityTxt);
  EXPECT_EQ(r.address, "Sec@a.example");
  EXPECT_EQ(r.review_urls, std::vector<std::string>{"https://a.example/report"});
  EXPECT_EQ(r.languages, (std::vector<std::string>{"nl", "en"}));
  EXPECT_TRUE(r.refusal.empty());
}

TEST(Recipient, HttpsOnlyGoesToReviewListThenNobody) {
  auto r =
      find_recipient("a.example", "Org", {security_txt("a.example", {"https://a.example/x"})}, {});
  EXPECT_TRUE(r.review());
  EXPECT_TRUE(r.address.empty());
  const std::vector<store::ListContact> list{{"Other", "", "x@other.example"},
                                             {"Org", "", "cert@org.example"},
                                             {"", "b.example", "b-owner@b.example"}};
  r = find_recipient("a.example", "Org", {}, list);
  EXPECT_EQ(r.source, Recipient::Source::kList);
  EXPECT_EQ(r.address, "cert@org.example");
  r = find_recipient("b.example", "Org", {}, list);
  EXPECT_EQ(r.address, "b-owner@b.example") << "a domain's own contact before its organisation's";
  r = find_recipient("c.example", "", {}, list);
  EXPECT_EQ(r.source, Recipient::Source::kNone);
  EXPECT_TRUE(r.address.empty()) << "never an address guessed from the domain";
}

TEST(Recipient, HostileSecurityTxtIsRefusedAsAWhole) {
  const std::vector<store::ListContact> list{{"Org", "", "cert@org.example"}};
  for (const std::string contact :
       {"mailto:sec@a.example\rBcc: victim@evil.example",
        "mailto:sec@a.example%0D%0ABcc:victim@evil.example",
        "mailto:sec@a.example\nBcc: x@y.example", "mailto:\"quoted local\"@a.example",
        "mailto:s\x01@a.example"}) {
    auto r = find_recipient("a.example", "Org",
                            {security_txt("a.example", {contact, "mailto:ok@a.example"})}, list);
    EXPECT_FALSE(r.refusal.empty()) << contact;
    EXPECT_TRUE(r.address.empty()) << contact;
    EXPECT_EQ(r.refusal.find('\r'), std::string::npos);
    EXPECT_EQ(r.refusal.find('\n'), std::string::npos);
  }
  // 10,000 contacts: the check stored 16 and the count.
  std::vector<std::string> many(16, "mailto:a@a.example");
  auto r = find_recipient("a.example", "Org", {security_txt("a.example", many, {}, 10000)}, list);
  EXPECT_NE(r.refusal.find("10000 contacts"), std::string::npos) << r.refusal;
  // A 1 MB file.
  r = find_recipient("a.example", "Org",
                     {security_txt("a.example", {"mailto:a@a.example"}, {}, 0, 1 << 20)}, list);
  EXPECT_NE(r.refusal.find("1048576 bytes"), std::string::npos) << r.refusal;
  // A file the fetch cut off at 1 MiB.
  auto cut = security_txt("a.example", {});
  cut.details["truncated"] = true;
  cut.details["bytes"] = 0;
  r = find_recipient("a.example", "Org", {cut}, list);
  EXPECT_NE(r.refusal.find("larger than"), std::string::npos) << r.refusal;
  EXPECT_TRUE(r.address.empty()) << "not the list's contact either";
  // A 1 MB contact value is refused and the reason stays short.
  r = find_recipient(
      "a.example", "Org",
      {security_txt("a.example", {"mailto:" + std::string(1 << 20, 'a') + "@a.example"})}, list);
  EXPECT_FALSE(r.refusal.empty());
  EXPECT_LT(r.refusal.size(), 400u);
}

TEST(Address, Checks) {
  EXPECT_EQ(*check_address("Security@Example.NL"), "Security@example.nl");
  EXPECT_TRUE(check_address("first.last+tag@sub.example.org"));
  for (const char* bad :
       {"", "no-at", "a@b", "a@-x.example", "a..b@x.example", ".a@x.example", "a b@x.example",
        "a@x.example\r\nBcc: y@z", "é@x.example", "a@x_y.example", "a@x.example>"}) {
    EXPECT_FALSE(check_address(bad)) << bad;
  }
  EXPECT_FALSE(check_address(std::string(300, 'a') + "@x.example"));
  auto c = parse_contact("MAILTO:a%40b@x.example");
  EXPECT_FALSE(c) << "an @ encoded in the local part is not a dot-atom";
  c = parse_contact("mailto:one@x.example,two@x.example?subject=hi");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->value, "one@x.example");
  c = parse_contact("tel:+31-70-000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, Contact::Kind::kOther);
  EXPECT_FALSE(parse_contact("https://x.example/a b"));
  EXPECT_FALSE(parse_contact("mailto:a@x.example%0a"));
  EXPECT_EQ(printable("a\r\nb"), "a\\x0D\\x0Ab");
}

TEST(Language, PreferredLanguagesChooseAShippedOne) {
  EXPECT_EQ(choose_language({}), "en");
  EXPECT_EQ(choose_language({"nl", "en"}), "nl") << "the project's languages are shipped";
  EXPECT_EQ(choose_language({"pt-BR"}), "pt-BR");
  const std::vector<std::string> shipped{"en", "nl", "pt-BR"};
  EXPECT_EQ(choose_language({"NL", "en"}, shipped), "nl");
  EXPECT_EQ(choose_language({"de", "pt"}, shipped), "pt-BR");
  EXPECT_EQ(choose_language({"fr", "x y", "pt-PT"}, shipped), "pt-BR");
  EXPECT_EQ(choose_language({"de"}, shipped), "en");
}

// ---- the message, parsed back ----

struct Parsed {
  std::multimap<std::string, std::string> headers;  // lower-case name -> unfolded value
  std::string text, html;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string decode_qp(const std::string& in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
      i += 2;
    } else if (in[i] == '=' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (in[i] == '\r') {
      continue;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::string decode_b64(const std::string& in) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    auto at = alphabet.find(c);
    if (at == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    auto start = value.find("=?UTF-8?B?", at);
    if (start == std::string::npos) {
      out += value.substr(at);
      return out;
    }
    auto gap = value.substr(at, start - at);
    if (gap.find_first_not_of(' ') != std::string::npos) out += gap;
    auto end = value.find("?=", start + 10);
    out += decode_b64(value.substr(start + 10, end - start - 10));
    at = end + 2;
  }
}

Parsed parse(const std::string& message) {
  Parsed p;
  const auto split = message.find("\r\n\r\n");
  EXPECT_NE(split, std::string::npos);
  const auto head = message.substr(0, split + 2);
  std::string name, value;
  std::size_t at = 0;
  while (at < head.size()) {
    auto end = head.find("\r\n", at);
    EXPECT_NE(end, std::string::npos);
    const auto line = head.substr(at, end - at);
    EXPECT_LE(line.size(), 998u);
    EXPECT_EQ(line.find('\r'), std::string::npos);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    if (!line.empty() && line[0] == ' ') {
      value += value.empty() ? line.substr(1) : line;
    } else {
      if (!name.empty()) p.headers.emplace(lower(name), decode_words(value));
      auto colon = line.find(':');
      EXPECT_NE(colon, std::string::npos) << line;
      name = line.substr(0, colon);
      value = line.substr(std::min(line.size(), colon + 2));
    }
    at = end + 2;
  }
  if (!name.empty()) p.headers.emplace(lower(name), decode_words(value));
  const auto type = p.headers.find("content-type")->second;
  const auto boundary =
      type.substr(type.find("boundary=\"") + 10, type.rfind('"') - type.find("boundary=\"") - 10);
  const auto body = message.substr(split + 4);
  std::size_t part = body.find("--" + boundary + "\r\n");
  while (part != std::string::npos) {
    const auto next = body.find("\r\n--" + boundary, part + 2);
    const auto chunk = body.substr(part, next - part);
    const auto content = decode_qp(chunk.substr(chunk.find("\r\n\r\n") + 4));
    if (chunk.find("text/plain") != std::string::npos) p.text = content;
    if (chunk.find("text/html") != std::string::npos) p.html = content;
    part = body.find("--" + boundary + "\r\n", next + 2);
  }
  return p;
}

NoticeContent content() {
  NoticeContent c;
  c.domain = "a.example";
  c.tested = "2026-11-17";
  c.mandate = "NCSC-LAB is the national CERT; the law gives it the task to warn owners.";
  c.sender = "notices@cert.example";
  c.sender_name = "CERT Lab (Baseline)";
  c.reply_to = "objections@cert.example";
  c.recipient = "security@a.example";
  c.why_this_address = "It is the Contact of https://a.example/.well-known/security.txt.";
  c.permalink = "https://baseline.cert.example/scan/7/a.example";
  c.optout_url = "https://baseline.cert.example/notices/optout/" + std::string(64, 'a');
  c.findings.push_back({"dnssec",
                        "DNSSEC",
                        "Answers about {domain} are not signed.",
                        "Turn on DNSSEC at your DNS hoster.",
                        false,
                        {"dns.dnssec.signed (a.example): no DNSKEY"}});
  c.findings.push_back(
      {"hsts", "HSTS", "Browsers may be downgraded.", "Send the header.", true, {}});
  return c;
}

TEST(Message, ComposedMessageParsesBack) {
  auto m = compose(content(), kNow, "0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->message_id, "0123456789abcdef0123456789abcdef.notice@cert.example");
  const auto p = parse(m->data);
  EXPECT_EQ(p.headers.find("from")->second, "\"CERT Lab (Baseline)\" <notices@cert.example>");
  EXPECT_EQ(p.headers.find("to")->second, "security@a.example");
  EXPECT_EQ(p.headers.find("reply-to")->second, "objections@cert.example");
  EXPECT_EQ(p.headers.find("subject")->second, "Security findings for a.example");
  EXPECT_EQ(p.headers.find("date")->second, "Wed, 18 Nov 2026 11:06:40 +0000");
  EXPECT_EQ(p.headers.find("message-id")->second, "<" + m->message_id + ">");
  EXPECT_EQ(p.headers.find("list-unsubscribe")->second, "<" + content().optout_url + ">");
  EXPECT_EQ(p.headers.find("list-unsubscribe-post")->second, "List-Unsubscribe=One-Click");
  EXPECT_EQ(p.headers.find("content-language")->second, "en");
  EXPECT_EQ(p.headers.find("auto-submitted")->second, "auto-generated");
  EXPECT_EQ(p.headers.count("to"), 1u);
  EXPECT_EQ(p.headers.count("bcc"), 0u);
  for (const auto* part : {&p.text, &p.html}) {
    EXPECT_NE(part->find("a.example are not signed"), std::string::npos) << *part;
    EXPECT_NE(part->find("Turn on DNSSEC"), std::string::npos);
    EXPECT_NE(part->find(content().permalink), std::string::npos);
    EXPECT_NE(part->find(content().optout_url), std::string::npos);
    EXPECT_NE(part->find("national CERT"), std::string::npos);
    EXPECT_NE(part->find("it was met at the previous test"), std::string::npos);
  }
  EXPECT_NE(p.text.find("dns.dnssec.signed (a.example): no DNSKEY"), std::string::npos);
  // Every line of the message is short (quoted-printable, folded headers).
  std::size_t at = 0;
  while (at < m->data.size()) {
    const auto end = m->data.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    const auto line = m->data.substr(at, end - at);
    EXPECT_LE(line.size(), line.find("/notices/optout/") == std::string::npos ? 78u : 998u) << line;
    at = end + 2;
  }
}

TEST(Message, OutsideStringsCannotInjectHeaders) {
  auto c = content();
  c.sender_name = "Evil\r\nBcc: victim@evil.example";
  c.domain = "a.example\r\nBcc: victim@evil.example";
  c.mandate = "line\r\nBcc: x@y.example\x01<script>alert(1)</script>";
  c.findings[0].evidence = {"summary\r\n\r\n--boundary\r\nContent-Type: text/html\r\n\r\n<b>x</b>"};
  auto m = compose(c, kNow, "00ff");
  ASSERT_TRUE(m) << m.error().message;
  const auto p = parse(m->data);
  EXPECT_EQ(p.headers.count("bcc"), 0u) << m->data;
  EXPECT_EQ(p.html.find("<script>"), std::string::npos);
  EXPECT_NE(p.html.find("&lt;script&gt;"), std::string::npos);
  // A recipient or URL that was not checked is refused, not written.
  c = content();
  c.recipient = "a@x.example\r\nBcc: y@z.example";
  EXPECT_FALSE(compose(c, kNow, "00"));
  c = content();
  c.optout_url = "https://x.example/\r\nBcc: y";
  EXPECT_FALSE(compose(c, kNow, "00"));
  c = content();
  c.sender = "not an address";
  EXPECT_FALSE(compose(c, kNow, "00"));
}

TEST(Message, NonAsciiNamesAreEncodedWordsAndInputsAreBounded) {
  auto c = content();
  c.sender_name = "Équipe sécurité — ünïcødé " + std::string(300, 'x');
  c.mandate = std::string(1 << 20, 'm');  // 1 MB
  c.findings[0].evidence = std::vector<std::string>(10000, std::string(5000, 'e'));
  auto m = compose(c, kNow, "ab");
  ASSERT_TRUE(m);
  EXPECT_LT(m->data.size(), 64u * 1024) << "a 1 MB mandate and 10,000 evidence lines are bounded";
  const auto p = parse(m->data);
  EXPECT_NE(p.headers.find("from")->second.find("Équipe sécurité"), std::string::npos)
      << p.headers.find("from")->second;
  EXPECT_EQ(header_line("Subject", "caf\xC3\xA9\r\nBcc: x").find("\r\nBcc"), std::string::npos);
}

TEST(Message, QuotedPrintableAndCleaning) {
  EXPECT_EQ(quoted_printable("a=b\n.dot\nFrom x\ntrailing \n"),
            "a=3Db\r\n=2Edot\r\n=46rom x\r\ntrailing=20\r\n");
  EXPECT_EQ(clean_text("ok\xff\x01", 100), "ok\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(clean_text("\xED\xA0\x80", 100), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")
      << "a surrogate";
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(dot_stuffed("a\r\n.b\r\n..c\r\n"), "a\r\n..b\r\n...c\r\n");
  EXPECT_TRUE(safe_url("https://x.example/a?b=c"));
  EXPECT_FALSE(safe_url("javascript:alert(1)"));
  EXPECT_FALSE(safe_url("https://x.example/\"onclick"));
  EXPECT_EQ(random_hex(16).size(), 32u);
}

TEST(RateLimiter, BoundsOverallAndPerReceivingDomain) {
  using namespace std::chrono_literals;
  RateLimiter limits(60, 2);  // one a second overall, one per 30 s to a domain
  const RateLimiter::Clock::time_point t0{};
  EXPECT_EQ(limits.wait("a.example", t0), 0s);
  limits.sent("a.example", t0);
  EXPECT_EQ(limits.wait("b.example", t0), 1s);
  EXPECT_EQ(limits.wait("a.example", t0), 30s);
  EXPECT_EQ(limits.next({"a.example", "b.example"}, t0), 1) << "another domain goes first";
  limits.sent("b.example", t0 + 1s);
  EXPECT_EQ(limits.wait("c.example", t0 + 1s), 1s);
  EXPECT_EQ(limits.wait("a.example", t0 + 10s), 20s);
  EXPECT_EQ(limits.wait("a.example", t0 + 40s), 0s);
  // Simulated: 20 notices to one domain and 20 to others at 60/min overall, 2/min per domain.
  RateLimiter sim(60, 2);
  std::vector<std::string> pending(20, "big.example");
  pending.reserve(40);
  for (int i = 0; i < 20; ++i) pending.push_back("d" + std::to_string(i) + ".example");
  auto now = t0;
  std::map<std::string, std::vector<RateLimiter::Clock::time_point>> sent;
  std::vector<RateLimiter::Clock::time_point> all;
  while (!pending.empty()) {
    const auto i = static_cast<std::size_t>(sim.next(pending, now));
    now += sim.wait(pending[i], now);
    sim.sent(pending[i], now);
    sent[pending[i]].push_back(now);
    all.push_back(now);
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(i));
  }
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i] - all[i - 1], 1s);
  const auto& big = sent["big.example"];
  for (std::size_t i = 1; i < big.size(); ++i) EXPECT_GE(big[i] - big[i - 1], 30s);
  EXPECT_LT(sent["d19.example"].front() - t0, 60s) << "the other domains do not wait behind it";
}

// A notice in Dutch and in Brazilian Portuguese (security.txt's Preferred-Languages): every
// sentence and the catalogue's texts come from the translations; the links stay exactly.
TEST(Message, TheRecipientsLanguageWritesTheNotice) {
  const auto catalog = catalog::load_catalog("");
  ASSERT_TRUE(catalog);
  const auto* hsts = catalog->find("https-hsts");
  ASSERT_NE(hsts, nullptr);
  auto c = content();
  c.findings = {{hsts->id, hsts->name, hsts->failure, hsts->fix, false, {}}};
  c.language = "nl";
  auto m = compose(c, kNow, "0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(m) << m.error().message;
  auto p = parse(m->data);
  EXPECT_EQ(p.headers.find("content-language")->second, "nl");
  EXPECT_EQ(p.headers.find("subject")->second, "Beveiligingsbevindingen voor a.example");
  EXPECT_NE(p.text.find("Geachte heer, mevrouw,"), std::string::npos) << p.text;
  EXPECT_NE(p.text.find("Zo lost u het op:"), std::string::npos);
  EXPECT_NE(p.text.find("niet voldaan"), std::string::npos);
  EXPECT_NE(p.html.find(report::html::escape(i18n::translate("nl", hsts->fix))), std::string::npos)
      << "the catalogue's fix in Dutch";
  EXPECT_NE(i18n::translate("nl", hsts->fix), hsts->fix);
  EXPECT_NE(p.text.find(c.optout_url), std::string::npos);
  EXPECT_EQ(p.text.find("How to fix it"), std::string::npos);
  c.language = "pt-BR";
  m = compose(c, kNow, "0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(m) << m.error().message;
  p = parse(m->data);
  EXPECT_EQ(p.headers.find("content-language")->second, "pt-BR");
  EXPECT_NE(p.text.find("Como resolver:"), std::string::npos) << p.text;
  EXPECT_NE(p.html.find("Não quero mais receber avisos"), std::string::npos);
  EXPECT_NE(m->data.find("N=C3=A3o"), std::string::npos) << "quoted-printable UTF-8";
}

TEST(Language, HostileMessageCataloguesAreRefused) {
  EXPECT_FALSE(i18n::MessageCatalogue::parse(""));
  EXPECT_FALSE(i18n::MessageCatalogue::parse(std::string(40, '\xde')));
  // The right magic, a table pointing past the end.
  std::string mo("\xde\x12\x04\x95\0\0\0\0\x01\0\0\0\x1c\0\0\0\xff\xff\0\0", 20);
  std::string why;
  EXPECT_FALSE(i18n::MessageCatalogue::parse(mo, &why));
  EXPECT_EQ(why, "gettext catalogue: tables beyond the end");
  EXPECT_EQ(i18n::translate("de", "Hello,"), "Hello,") << "not shipped: English";
  EXPECT_EQ(i18n::translate("pt", "Hello,"), "Prezado(a),");
}

}  // namespace
}  // namespace baseline::notices

namespace baseline::notices {
namespace {

TEST(Base64, EncodesTheVectorsOfRfc4648) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64(std::string("\0user\0pass", 10)), "AHVzZXIAcGFzcw==");
}

}  // namespace
}  // namespace baseline::notices
