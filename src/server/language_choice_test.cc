// SPDX-License-Identifier: Apache-2.0
#include "server/language_choice.h"

#include <gtest/gtest.h>

namespace baseline::server {
namespace {

TEST(NegotiateLanguage, FollowsQualityValuesNotOrder) {
  EXPECT_EQ(negotiate_language("en;q=0.5, nl;q=0.9"), "nl");
  EXPECT_EQ(negotiate_language("de-DE, pt-BR;q=0.8, en;q=0.7"), "pt-BR");
  EXPECT_EQ(negotiate_language("fr, en-GB;q=0.3"), "en");
}

TEST(NegotiateLanguage, RegionsAndPortugueseVariantsMapToWhatShips) {
  EXPECT_EQ(negotiate_language("nl-BE"), "nl");
  EXPECT_EQ(negotiate_language("pt-PT,pt;q=0.9"), "pt-BR");
  EXPECT_EQ(negotiate_language("PT-br"), "pt-BR");
}

TEST(NegotiateLanguage, TiesKeepTheirOrderAndZeroRefuses) {
  EXPECT_EQ(negotiate_language("nl, pt-BR"), "nl");
  EXPECT_EQ(negotiate_language("*, en;q=0"), "nl");
  EXPECT_EQ(negotiate_language("nl;q=0, *;q=0.5"), "en");
}

TEST(NegotiateLanguage, NothingShippedOrMalformedGivesNone) {
  EXPECT_EQ(negotiate_language("de, fr;q=0.8"), std::nullopt);
  EXPECT_EQ(negotiate_language(""), std::nullopt);
  EXPECT_EQ(negotiate_language("nl;q=2"), std::nullopt);
}

Request request_with(std::initializer_list<std::pair<http::field, std::string>> headers) {
  Request request{http::verb::get, "/", 11};
  for (const auto& [field, value] : headers) request.set(field, value);
  return request;
}

TEST(ChoosePageLanguage, QueryThenCookieThenHeaderThenFallback) {
  const auto both = request_with(
      {{http::field::cookie, "session=x; lang=pt-BR"}, {http::field::accept_language, "nl"}});
  const auto by_query = choose_page_language(both, "list=a&lang=nl", "en");
  EXPECT_EQ(by_query.language, "nl");
  EXPECT_TRUE(by_query.from_query);
  EXPECT_EQ(choose_page_language(both, "", "en").language, "pt-BR");
  EXPECT_FALSE(choose_page_language(both, "", "en").from_query);
  const auto header_only = request_with({{http::field::accept_language, "nl-NL,en;q=0.5"}});
  EXPECT_EQ(choose_page_language(header_only, "", "en").language, "nl");
  EXPECT_EQ(choose_page_language(request_with({}), "", "pt-BR").language, "pt-BR");
}

TEST(ChoosePageLanguage, AnUnknownChoiceIsIgnored) {
  const auto request = request_with({{http::field::cookie, "lang=klingon"}});
  const auto choice = choose_page_language(request, "lang=xx", "en");
  EXPECT_EQ(choice.language, "en");
  EXPECT_FALSE(choice.from_query);
}

}  // namespace
}  // namespace baseline::server
