// SPDX-License-Identifier: Apache-2.0
#include "catalog/narrative.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <regex>

#include "checks/registry.h"
#include "i18n/i18n.h"

namespace baseline::catalog {
namespace {
using core::Verdict;
using ::testing::HasSubstr;
using namespace std::chrono;

core::CheckResult result(const std::string& id, Verdict verdict, const std::string& summary) {
  return {id, "example.nl", verdict, checks::find_check(id)->level, summary};
}

TEST(Narrative, UnmetDnssecExplainsRiskEvidenceAndNextSteps) {
  auto catalog = *load_catalog("");
  std::vector<core::CheckResult> results = {
      result("dns.dnssec.signed", Verdict::kFail, "no DNSKEY at example.nl"),
      result("dns.dnssec.valid", Verdict::kFail, "insecure: no DS at the parent")};
  auto card =
      score_domain(catalog, results, "example.nl", nullptr, year_month_day{2026y, November, 22d});
  auto pages = decision_maker_pages(card, results, "example.nl", "2026-11-22");
  ASSERT_EQ(pages.size(), card.standards.size());  // every standard has a narrative
  const auto& dnssec = pages[0];
  EXPECT_TRUE(dnssec.tested);
  EXPECT_EQ(dnssec.standard_id, "dnssec");
  EXPECT_EQ(dnssec.finding,
            "On 22 November 2026 Baseline found that example.nl does not meet DNSSEC (signed "
            "domain names).");
  // The catalogue's text, with the domain filled in.
  EXPECT_THAT(dnssec.paragraphs[0], HasSubstr("for example.nl to a place"));  // the risk
  EXPECT_THAT(dnssec.paragraphs[1], HasSubstr("Every visit to example.nl"));
  for (const auto& p : dnssec.paragraphs) EXPECT_THAT(p, ::testing::Not(HasSubstr("{domain}")));
  EXPECT_THAT(dnssec.paragraphs, ::testing::Contains(HasSubstr("What others already do: ")));
  ASSERT_EQ(dnssec.evidence.size(), 2u);
  EXPECT_THAT(dnssec.evidence[0], HasSubstr("no DNSKEY at example.nl"));
  ASSERT_FALSE(dnssec.next_steps.empty());
  EXPECT_EQ(dnssec.next_steps[0],
            "Ask your DNS hoster or registrar to switch on DNSSEC for example.nl.");  // first step

  const auto rpki = std::find_if(pages.begin(), pages.end(),
                                 [](const auto& p) { return p.standard_id == "rpki"; });
  ASSERT_NE(rpki, pages.end());
  EXPECT_FALSE(rpki->tested);
  EXPECT_THAT(rpki->finding, HasSubstr("was not tested"));
  EXPECT_TRUE(rpki->evidence.empty());
}

TEST(Narrative, MetDnssecHasNoNextStepsAndMentionsExplanationOnlyWhenUnmet) {
  auto catalog = *load_catalog("");
  std::vector<core::CheckResult> results = {result("dns.dnssec.signed", Verdict::kPass, "signed"),
                                            result("dns.dnssec.valid", Verdict::kPass, "secure")};
  auto card =
      score_domain(catalog, results, "example.nl", nullptr, year_month_day{2026y, November, 22d});
  auto pages = decision_maker_pages(card, results, "example.nl", "2026-11-22");
  EXPECT_THAT(pages[0].finding, HasSubstr("meets DNSSEC"));
  EXPECT_TRUE(pages[0].next_steps.empty());
}

TEST(Narrative, ExplainedFailureQuotesTheExplanation) {
  auto catalog = *load_catalog("");
  ExplanationBook book;
  book.add({"example.nl", "dnssec", "registrar migration", year_month_day{2027y, June, 30d}, ""});
  std::vector<core::CheckResult> results = {
      result("dns.dnssec.signed", Verdict::kFail, "unsigned")};
  auto card =
      score_domain(catalog, results, "example.nl", &book, year_month_day{2026y, November, 22d});
  auto pages = decision_maker_pages(card, results, "example.nl", "2026-11-22");
  EXPECT_THAT(pages[0].finding, HasSubstr("explained this until 2027-06-30"));
  EXPECT_THAT(pages[0].finding, HasSubstr("registrar migration"));
}

TEST(Narrative, DatesAndNumbersForTheLanguage) {
  EXPECT_EQ(i18n::long_date("2026-11-22"), "22 November 2026");  // English: no catalogue needed
  EXPECT_EQ(i18n::long_date("not a date"), "not a date");
  EXPECT_EQ(i18n::decimal(72.5, 1), "72.5");
  EXPECT_EQ(i18n::match_language("pt_BR.UTF-8"), "pt-BR");
  EXPECT_EQ(i18n::match_language("nl-BE"), "nl");
  EXPECT_EQ(i18n::match_language("de_DE"), "");
  EXPECT_EQ(i18n::match_language("C"), "");
  std::string warning;
  EXPECT_EQ(i18n::choose_language("fr", &warning), "en");
  EXPECT_NE(warning.find("not translated into 'fr'"), std::string::npos);
  EXPECT_EQ(i18n::choose_language("pt-BR"), "pt-BR");
}

// The language from the environment when --lang is not given: LANGUAGE (a list), then LC_ALL,
// LC_MESSAGES, LANG.
TEST(Narrative, LanguageFromTheEnvironment) {
  const char* names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
  std::vector<std::optional<std::string>> saved;
  for (const char* name : names) {
    const char* value = std::getenv(name);
    saved.push_back(value ? std::optional<std::string>(value) : std::nullopt);
    unsetenv(name);
  }
  EXPECT_EQ(i18n::choose_language(""), "en");
  setenv("LANG", "nl_NL.UTF-8", 1);
  EXPECT_EQ(i18n::choose_language(""), "nl");
  setenv("LC_ALL", "pt_BR.UTF-8", 1);
  EXPECT_EQ(i18n::choose_language(""), "pt-BR");  // LC_ALL before LANG
  setenv("LANGUAGE", "fr:nl", 1);
  EXPECT_EQ(i18n::choose_language(""), "nl");    // the first shipped one of the list
  EXPECT_EQ(i18n::choose_language("en"), "en");  // --lang wins
  setenv("LANGUAGE", "", 1);
  setenv("LC_ALL", "de_DE.UTF-8", 1);
  EXPECT_EQ(i18n::choose_language(""), "en");  // not shipped: English
  for (std::size_t i = 0; i < saved.size(); ++i) {
    if (saved[i]) {
      setenv(names[i], saved[i]->c_str(), 1);
    } else {
      unsetenv(names[i]);
    }
  }
}

TEST(Narrative, WithDomainReplacesEveryPlaceholder) {
  EXPECT_EQ(with_domain("{domain} and {domain}", "a.nl"), "a.nl and a.nl");
  EXPECT_EQ(with_domain("none", "a.nl"), "none");
}

// The rules of catalog/plain-language.yaml: sentences of at most N words, the risk in one
// sentence, and none of the jargon listed there.
struct PlainLanguage {
  std::size_t max_sentence_words = 0;
  std::vector<std::string> jargon;
};

PlainLanguage load_plain_language() {
  const auto root = YAML::LoadFile(BASELINE_PLAIN_LANGUAGE_FILE);
  PlainLanguage rules;
  rules.max_sentence_words = root["max_sentence_words"].as<std::size_t>();
  for (const auto& word : root["jargon"]) rules.jargon.push_back(word.as<std::string>());
  return rules;
}

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current += text[i];
    const bool end = text[i] == '.' || text[i] == '!' || text[i] == '?';
    if (end && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \n") != std::string::npos) out.push_back(current);
  return out;
}

std::size_t word_count(const std::string& sentence) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : sentence) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A whole-word (or whole-phrase) occurrence: no letter, digit or hyphen on either side.
bool contains_term(const std::string& text, const std::string& term) {
  const auto haystack = lower(text), needle = lower(term);
  const auto part_of_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  };
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    const bool start_ok = at == 0 || !part_of_word(haystack[at - 1]);
    const auto after = at + needle.size();
    const bool end_ok = after >= haystack.size() || !part_of_word(haystack[after]);
    if (start_ok && end_ok) return true;
  }
  return false;
}

TEST(PlainLanguage, TheCheckerCatchesLongSentencesAndJargon) {
  EXPECT_EQ(sentences("One. Two words! Three?").size(), 3u);
  EXPECT_EQ(word_count("  a b\nc "), 3u);
  EXPECT_TRUE(contains_term("Set the TLSA record.", "tlsa"));
  EXPECT_FALSE(contains_term("Publish MTA-STS.", "STS"));
  EXPECT_FALSE(contains_term("a prefixed name", "prefix"));
}

TEST(PlainLanguage, EveryStandardHasAPlainNarrative) {
  const auto rules = load_plain_language();
  ASSERT_GT(rules.max_sentence_words, 5u);
  ASSERT_FALSE(rules.jargon.empty());
  const auto catalog = *load_catalog("");
  for (const auto& s : catalog.standards) {
    ASSERT_TRUE(s.narrative) << s.id << " has no narrative";
    const auto& n = *s.narrative;
    EXPECT_EQ(sentences(n.risk).size(), 1u) << s.id << ": the risk must be one sentence";
    std::vector<std::pair<std::string, std::string>> texts = {{"risk", n.risk},
                                                              {"peers", n.peers},
                                                              {"cost", n.cost},
                                                              {"first_step", n.first_step},
                                                              {"why", n.why},
                                                              {"when_met", n.when_met},
                                                              {"when_unmet", n.when_unmet}};
    for (const auto& step : n.next_steps) texts.emplace_back("next_steps", step);
    for (const auto& [field, text] : texts) {
      for (const auto& sentence : sentences(text)) {
        EXPECT_LE(word_count(sentence), rules.max_sentence_words)
            << s.id << " " << field << ": sentence too long: " << sentence;
      }
      for (const auto& term : rules.jargon) {
        EXPECT_FALSE(contains_term(text, term))
            << s.id << " " << field << ": jargon '" << term << "' in: " << text;
      }
    }
  }
}

}  // namespace
}  // namespace baseline::catalog
