// SPDX-License-Identifier: Apache-2.0
#include "batch/register_body.h"

#include <gtest/gtest.h>

namespace baseline::batch {
namespace {

RegisterRequest ok(std::string_view body, const BatchLimits& limits = {}) {
  auto parsed = parse_register_body(body, limits);
  if (auto* e = std::get_if<ApiError>(&parsed)) ADD_FAILURE() << e->msg;
  return std::get<RegisterRequest>(parsed);
}

ApiError error(std::string_view body, const BatchLimits& limits = {}) {
  auto parsed = parse_register_body(body, limits);
  if (!std::holds_alternative<ApiError>(parsed)) {
    ADD_FAILURE() << "accepted: " << body.substr(0, 200);
    return {};
  }
  return std::get<ApiError>(parsed);
}

TEST(RegisterBody, TheReferenceExample) {
  auto r = ok(
      R"({"type": "web", "domains": ["internet.nl", "nic.商标"], "name": "Web test - 1/1/1970"})");
  EXPECT_EQ(r.type, RequestType::kWeb);
  EXPECT_EQ(r.name, "Web test - 1/1/1970");
  ASSERT_EQ(r.domains.domains.size(), 2u);
  EXPECT_EQ(r.domains.domains[0].ascii(), "internet.nl");
  EXPECT_EQ(r.domains.domains[1].ascii(), "nic.xn--czr694b");
  EXPECT_TRUE(r.domains.rejected.empty());
}

TEST(RegisterBody, NormalisesLikeInternetNlAndReportsInvalidDomains) {
  auto r = ok(R"({"type": "MAIL", "domains": ["  Example.NL ", "example.nl.", "EXAMPLE.nl",
    "b.example", "not a domain", "", "localhost", "-bad-.nl", "192.0.2.1"]})");
  EXPECT_EQ(r.type, RequestType::kMail);
  EXPECT_EQ(r.name, "no-name");
  ASSERT_EQ(r.domains.domains.size(), 2u);
  EXPECT_EQ(r.domains.domains[0].ascii(), "b.example");
  EXPECT_EQ(r.domains.domains[1].ascii(), "example.nl");
  ASSERT_EQ(r.domains.rejected.size(), 5u);
  EXPECT_EQ(r.domains.rejected[0].input, "not a domain");
  EXPECT_EQ(r.domains.rejected[1].reason, "empty");
  EXPECT_EQ(r.domains.rejected[2].input, "localhost");
  for (const auto& rejected : r.domains.rejected) EXPECT_FALSE(rejected.reason.empty());
}

TEST(RegisterBody, UnicodeAndALabelFormsAreOneDomain) {
  auto r = ok(R"({"type":"web","domains":["nic.商标","NIC.XN--CZR694B","nic.xn--czr694b.",
    "https://example.nl/"]})");
  ASSERT_EQ(r.domains.domains.size(), 1u);
  EXPECT_EQ(r.domains.domains[0].unicode(), "nic.商标");
  ASSERT_EQ(r.domains.rejected.size(), 1u);  // a URL is not a domain name (as Internet.nl)
  EXPECT_EQ(r.domains.rejected[0].input, "https://example.nl/");
}

TEST(RegisterBody, MissingAndWrongFieldsGiveTheReferenceMessages) {
  EXPECT_EQ(error("{}").msg,
            "'type' is missing from the request.,'domains' is missing from the request.");
  EXPECT_EQ(error(R"({"type":"web"})").msg, "'domains' is missing from the request.");
  EXPECT_EQ(error(R"({"type":"all","domains":["a.nl"]})").msg,
            "'type' is not one of the expected values.");
  EXPECT_EQ(error(R"({"type":5,"domains":["a.nl"]})").msg,
            "'type' is not one of the expected values.");
  EXPECT_EQ(error(R"({"type":"web","domains":[]})").msg, "Domains are empty.");
  EXPECT_EQ(error("not json").msg, "Problem parsing json. Did you supply a 'type' and 'domains'?");
  EXPECT_EQ(error("[1,2]").msg, "Problem parsing json. Did you supply a 'type' and 'domains'?");
  EXPECT_EQ(error("").label, "bad-request");
  EXPECT_EQ(error(R"({"type":"web","domains":"a.nl"})").http_status, 400);
  EXPECT_EQ(error(R"({"type":"web","domains":[1]})").http_status, 400);
  EXPECT_EQ(error(R"({"type":"web","domains":["a.nl"],"name":7})").http_status, 400);
  EXPECT_TRUE(
      error(R"({"type":"web","domains":["not valid", "x"]})").msg.starts_with("Domains are empty"));
}

TEST(RegisterBody, NameLengthIsCountedInCharacters) {
  const std::string name255(255, 'n');
  EXPECT_EQ(ok(R"({"type":"web","domains":["a.nl"],"name":")" + name255 + "\"}").name, name255);
  EXPECT_EQ(error(R"({"type":"web","domains":["a.nl"],"name":")" + name255 + "n\"}").http_status,
            400);
  std::string unicode;
  for (int i = 0; i < 255; ++i) unicode += "é";
  EXPECT_EQ(ok(R"({"type":"web","domains":["a.nl"],"name":")" + unicode + "\"}").name, unicode);
}

TEST(RegisterBody, HardBoundsRefuseHostileBodies) {
  BatchLimits limits;
  limits.max_domains_per_request = 3;
  limits.max_body_bytes = 10000;
  EXPECT_TRUE(error(R"({"type":"web","domains":["a.nl","b.nl","c.nl","d.nl"]})", limits)
                  .msg.starts_with("Too many domains: at most 3"));
  EXPECT_EQ(ok(R"({"type":"web","domains":["a.nl","b.nl","c.nl"]})", limits).domains.domains.size(),
            3u);
  EXPECT_TRUE(error(std::string(10001, ' '), limits).msg.starts_with("The request body is larger"));
  // Deep nesting is refused before anything is built.
  std::string deep = R"({"type":"web","domains":["a.nl"],"x":)" + std::string(1000, '[') +
                     std::string(1000, ']') + "}";
  EXPECT_EQ(error(deep, limits).msg, "The request is nested too deeply.");
  // Many values elsewhere than in "domains" are bounded too.
  std::string wide = R"({"type":"web","domains":["a.nl"],"x":[)";
  for (int i = 0; i < 500; ++i) wide += "0,";
  wide += "0]}";
  EXPECT_EQ(error(wide, limits).http_status, 400);
  // A huge domain string is reported, not parsed.
  auto r = ok(R"({"type":"web","domains":["a.nl",")" + std::string(5000, 'a') + "\"]}");
  ASSERT_EQ(r.domains.rejected.size(), 1u);
  EXPECT_LE(r.domains.rejected[0].input.size(), kMaxShownInput + 3);
}

TEST(RegisterBody, DefaultLimitAllowsFiveThousandDomains) {
  std::string body = R"({"type":"web","domains":[)";
  for (int i = 0; i < 5000; ++i) body += (i ? "," : "") + ("\"d" + std::to_string(i) + ".nl\"");
  body += "]}";
  EXPECT_EQ(ok(body).domains.domains.size(), 5000u);
  body.insert(body.size() - 2, ",\"extra.nl\"");
  EXPECT_EQ(error(body).http_status, 400);
}

TEST(RegisterBody, ReplyListsRejectedDomains) {
  auto r = ok(R"({"type":"web","domains":["a.nl","bad domain"]})");
  BatchRequest request;
  request.id = "abc";
  auto reply = register_reply(request, r.domains);
  EXPECT_EQ(reply["request"]["status"], "registering");
  ASSERT_EQ(reply["rejected_domains"].size(), 1u);
  EXPECT_EQ(reply["rejected_domains"][0]["domain"], "bad domain");
  EXPECT_FALSE(register_reply(request, ok(R"({"type":"web","domains":["a.nl"]})").domains)
                   .contains("rejected_domains"));
}

}  // namespace
}  // namespace baseline::batch
