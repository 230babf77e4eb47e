// SPDX-License-Identifier: Apache-2.0
#include "catalog/explanations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/testing/catalog_text.h"

namespace baseline::catalog {
namespace {
using ::testing::HasSubstr;
using namespace std::chrono;

const Catalog& catalog() {
  static const Catalog c = *parse_catalog(
      testing::catalog_with(
          {testing::tested_standard("dnssec", "required", "1", "[dns.dnssec.signed]"),
           testing::tested_standard("dmarc", "required", "1", "[mail.dmarc]")}),
      "t.yaml");
  return c;
}

const char* kFilled = R"(format: baseline/explanations/1
explanations:
  - domain: Bidder-A.example
    standard: dnssec
    name: DNSSEC
    verdict: fail
    tested: 2026-11-22
    explanation: "Registrar migration; signing follows the move."
    until: 2027-06-30
  - domain: bidder-a.example
    standard: dmarc
    explanation: Two legacy senders still to move
    until: 2027-01-31
)";

TEST(ParseExplanations, ReadsEntriesAndNormalisesTheDomain) {
  auto book = parse_explanations(kFilled, "e.yaml", catalog());
  ASSERT_TRUE(book) << book.error().message;
  ASSERT_EQ(book->entries().size(), 2u);
  const auto* e = book->find("bidder-a.example", "dnssec");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->text, "Registrar migration; signing follows the move.");
  EXPECT_EQ(e->until, (year_month_day{2027y, June, 30d}));
}

TEST(ParseExplanations, UnknownStandardIsRefusedWithLine) {
  std::string text = kFilled;
  text.replace(text.find("standard: dmarc"), 15, "standard: dmark");
  auto book = parse_explanations(text, "e.yaml", catalog());
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().message,
            "e.yaml:11: field 'standard': unknown standard 'dmark' (catalogue test-1)");
}

TEST(ParseExplanations, RefusesEveryKindOfBadEntry) {
  struct Case {
    std::string from, to, expected;
  } cases[] = {
      {"until: 2027-06-30", "until: 2027-02-30",
       "e.yaml:9: field 'until' must be a date YYYY-MM-DD"},
      {"until: 2027-06-30", "until: next year", "e.yaml:9: field 'until' must be a date"},
      {"    explanation: Two legacy senders still to move\n", "",
       "e.yaml:10: missing field 'explanation'"},
      {"explanation: Two legacy senders still to move", "explanation: \"\"",
       "field 'explanation' is empty"},
      {"domain: bidder-a.example", "domain: bidder a", "e.yaml:10: field 'domain':"},
      {"standard: dmarc", "standard: dnssec", "a second explanation for bidder-a.example"},
      {"    until: 2027-01-31", "    until: 2027-01-31\n    untill: 2027-01-31",
       "unknown field 'untill'"},
      {"format: baseline/explanations/1", "format: other/2", "e.yaml:1: field 'format' must be"},
      {"  - domain: bidder-a.example", "  - domain: [bidder-a.example", "e.yaml:"},
  };
  for (const auto& c : cases) {
    std::string text = kFilled;
    const auto at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto book = parse_explanations(text, "e.yaml", catalog());
    ASSERT_FALSE(book) << c.expected;
    EXPECT_THAT(book.error().message, HasSubstr(c.expected));
  }
}

TEST(ParseExplanations, NotAMappingIsRefused) {
  auto book = parse_explanations("- just a list\n", "e.yaml", catalog());
  ASSERT_FALSE(book);
  EXPECT_THAT(book.error().message, HasSubstr("e.yaml:1:"));
}

TEST(ExplanationBook, MergeReplacesTheSameDomainAndStandard) {
  ExplanationBook book;
  book.add({"a.nl", "dnssec", "old", year_month_day{2027y, January, 1d}, ""});
  book.add({"a.nl", "dmarc", "keep", year_month_day{2027y, January, 1d}, ""});
  ExplanationBook later;
  later.add({"a.nl", "dnssec", "new", year_month_day{2028y, January, 1d}, "2026-11-22"});
  book.merge(later);
  ASSERT_EQ(book.entries().size(), 2u);
  EXPECT_EQ(book.find("a.nl", "dnssec")->text, "new");
  EXPECT_EQ(book.find("a.nl", "dmarc")->text, "keep");
}

TEST(ExplanationBook, FormatParsesBackToTheSameEntries) {
  ExplanationBook book;
  book.add({"a.nl", "dnssec", "quotes \" and: colons # and hashes",
            year_month_day{2027y, March, 9d}, "2026-11-22"});
  auto again = parse_explanations(format_explanations(book), "store.yaml", catalog());
  ASSERT_TRUE(again) << again.error().message << "\n" << format_explanations(book);
  ASSERT_EQ(again->entries().size(), 1u);
  EXPECT_EQ(again->entries()[0].text, "quotes \" and: colons # and hashes");
  EXPECT_EQ(again->entries()[0].recorded, "2026-11-22");
  EXPECT_EQ(again->entries()[0].until, (year_month_day{2027y, March, 9d}));
}

TEST(ExplanationBook, SaveReplacesTheFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("explain-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "store.yaml").string();
  ExplanationBook book;
  book.add({"a.nl", "dmarc", "why", year_month_day{2027y, March, 9d}, ""});
  ASSERT_TRUE(save_explanations_file(path, book));
  auto loaded = load_explanations_file(path, catalog());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->entries().size(), 1u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);  // no temporary left
  std::filesystem::remove_all(dir);
}

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(parse_date("2028-02-29"), (year_month_day{2028y, February, 29d}));
  EXPECT_FALSE(parse_date("2027-02-29"));
  EXPECT_FALSE(parse_date("2027-13-01"));
  EXPECT_FALSE(parse_date("27-01-01"));
  EXPECT_FALSE(parse_date("2027/01/01"));
  EXPECT_EQ(format_date(year_month_day{2027y, January, 5d}), "2027-01-05");
}

}  // namespace
}  // namespace baseline::catalog
