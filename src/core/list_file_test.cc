// SPDX-License-Identifier: Apache-2.0
#include "core/list_file.h"

#include <gtest/gtest.h>

#include <sstream>

namespace baseline::core {
namespace {

DomainList parse(const std::string& text) {
  std::istringstream in(text);
  return parse_domain_list(in);
}

TEST(ListFile, PlainListSkipsCommentsBlanksAndNormalises) {
  auto list = parse("# public sector\n\nExample.NL\n  example.org.  # trailing comment\r\n");
  ASSERT_EQ(list.entries.size(), 2u);
  EXPECT_FALSE(list.csv);
  EXPECT_EQ(list.entries[0].domain, "example.nl");
  EXPECT_EQ(list.entries[0].line, 3u);
  EXPECT_EQ(list.entries[1].domain, "example.org");
  EXPECT_EQ(list.problem_count, 0u);
}

TEST(ListFile, InvalidAndDuplicateLinesAreReportedWithLineNumbers) {
  auto list = parse("a.nl\nnot a domain\nb..nl\nA.NL\nb.nl\n");
  ASSERT_EQ(list.entries.size(), 2u);
  ASSERT_EQ(list.problems.size(), 3u);
  EXPECT_EQ(list.problems[0].line, 2u);
  EXPECT_EQ(list.problems[1].line, 3u);
  EXPECT_NE(list.problems[1].message.find("invalid domain"), std::string::npos);
  EXPECT_EQ(list.problems[2].line, 4u);
  EXPECT_NE(list.problems[2].message.find("duplicate of line 1"), std::string::npos);
}

TEST(ListFile, IdnIsStoredAsALabels) {
  auto list = parse("bücher.example\nxn--bcher-kva.example\n");
  ASSERT_EQ(list.entries.size(), 1u);
  EXPECT_EQ(list.entries[0].domain, "xn--bcher-kva.example");
  EXPECT_EQ(list.problem_count, 1u);  // the same name twice
}

TEST(ListFile, CsvWithTagsInAnyColumnOrder) {
  auto list = parse(
      "organisation,Domain,sector,country\n"
      "\"Ministry of Tests, The\",test.nl,government,NL\n"
      "Hospital,zorg.nl,health,\n"
      "Nobody,,health,NL\n"
      "\"unclosed,x.nl,a,b\n");
  EXPECT_TRUE(list.csv);
  ASSERT_EQ(list.entries.size(), 2u);
  EXPECT_EQ(list.entries[0].domain, "test.nl");
  EXPECT_EQ(list.entries[0].organisation, "Ministry of Tests, The");
  EXPECT_EQ(list.entries[0].sector, "government");
  EXPECT_EQ(list.entries[0].country, "NL");
  EXPECT_EQ(list.entries[1].country, "");
  ASSERT_EQ(list.problems.size(), 2u);
  EXPECT_EQ(list.problems[0].line, 4u);
  EXPECT_EQ(list.problems[1].message, "unclosed quote");
}

TEST(ListFile, CommaWithoutDomainHeaderIsNotCsv) {
  auto list = parse("a.nl,b.nl\n");
  EXPECT_FALSE(list.csv);
  EXPECT_TRUE(list.entries.empty());
  EXPECT_EQ(list.problem_count, 1u);
}

TEST(ListFile, OverlongLinesAreSkippedUnread) {
  std::string text = "a.nl\n" + std::string(kMaxListLineLength * 3, 'x') + "\nb.nl";
  auto list = parse(text);
  ASSERT_EQ(list.entries.size(), 2u);
  EXPECT_EQ(list.entries[1].domain, "b.nl");
  EXPECT_EQ(list.entries[1].line, 3u);
  ASSERT_EQ(list.problems.size(), 1u);
  EXPECT_EQ(list.problems[0].line, 2u);
}

TEST(ListFile, ProblemsBeyondTheLimitAreCountedNotKept) {
  std::string text;
  for (std::size_t i = 0; i < kMaxKeptProblems + 10; ++i) text += "bad name\n";
  auto list = parse(text);
  EXPECT_EQ(list.problems.size(), kMaxKeptProblems);
  EXPECT_EQ(list.problem_count, kMaxKeptProblems + 10);
}

TEST(ListFile, AMillionLines) {
  std::string text;
  text.reserve(20'000'000);
  for (int i = 0; i < 1'000'000; ++i) text += "d" + std::to_string(i) + ".example\n";
  auto list = parse(text);
  EXPECT_EQ(list.entries.size(), 1'000'000u);
  EXPECT_EQ(list.entries.back().domain, "d999999.example");
  EXPECT_EQ(list.problem_count, 0u);
}

}  // namespace
}  // namespace baseline::core
