// SPDX-License-Identifier: Apache-2.0
#include "catalog/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "catalog/testing/catalog_text.h"
#include "checks/registry.h"

namespace baseline::catalog {
namespace {
using testing::catalog_with;
using ::testing::HasSubstr;
using testing::questionnaire_standard;
using testing::tested_standard;

const Catalog& builtin() {
  static const Catalog catalog = [] {
    auto loaded = load_catalog("");
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return *loaded;
  }();
  return catalog;
}

// ---- the built-in catalogue: the schema test --------------------------------------------------

TEST(BuiltinCatalog, LoadsAndCarriesItsVersion) {
  auto loaded = load_catalog("");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_FALSE(loaded->version.empty());
  EXPECT_EQ(loaded->domains.size(), 4u);  // IS3C's four domains
}

TEST(BuiltinCatalog, EveryRegisteredCheckBelongsToAStandard) {
  EXPECT_THAT(unassigned_checks(builtin()), ::testing::IsEmpty());
}

TEST(BuiltinCatalog, CoversTheStandardsTheIssueNames) {
  for (const char* id : {"dnssec", "dnssec-validation", "rpki", "rpki-rov", "ipv6", "tls",
                         "https-hsts", "dane", "starttls", "spf", "dkim", "dmarc", "mta-sts",
                         "tls-rpt", "security-txt", "caa", "security-headers"}) {
    EXPECT_NE(builtin().find(id), nullptr) << id;
  }
  for (const char* id : {"bcp38", "etsi-en-303-645", "cvd", "device-updates"}) {
    const auto* s = builtin().find(id);
    ASSERT_NE(s, nullptr) << id;
    EXPECT_EQ(s->assessment, Assessment::kQuestionnaire) << id;
    EXPECT_GE(s->questions.size(), 3u) << id;
  }
}

TEST(BuiltinCatalog, DnssecAndRpkiHaveANarrative) {
  EXPECT_TRUE(builtin().find("dnssec")->narrative.has_value());
  EXPECT_TRUE(builtin().find("rpki")->narrative.has_value());
}

TEST(BuiltinCatalog, EveryTestedStandardNamesAtLeastOneCheckThatCanDecide) {
  for (const auto& s : builtin().standards) {
    if (s.assessment != Assessment::kTested) continue;
    bool decides = false;
    for (const auto& id : s.checks)
      decides |= checks::find_check(id)->level != core::Level::kOptional;
    EXPECT_TRUE(decides) << s.id << " has only optional checks, so it could never pass";
  }
}

TEST(BuiltinCatalog, CategoriesAreThoseOfTheInterfaceSpec) {
  std::set<std::string> ids;
  for (const auto& c : builtin().categories) ids.insert(c.id);
  EXPECT_EQ(ids,
            (std::set<std::string>{"web_ipv6", "web_dnssec", "web_tls", "web_rpki", "mail_ipv6",
                                   "mail_dnssec", "mail_auth", "mail_starttls_dane", "mail_rpki"}));
}

// The registry must list exactly the IDs of a checks.md (rows of its tables; a row `mail.tls.*`
// names its suffixes in the next cell): the repository's generated one and the owner's.
std::set<std::string> ids_in_checks_md(const std::string& text) {
  std::set<std::string> ids;
  const std::regex code("`((dns|web|mail)\\.[a-z0-9_.*]+)`");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    const auto first_cell_end = line.find(" |", 2);
    const std::string first = line.substr(0, first_cell_end);
    for (auto it = std::sregex_iterator(first.begin(), first.end(), code);
         it != std::sregex_iterator(); ++it) {
      const std::string id = (*it)[1];
      if (!id.ends_with(".*")) {
        ids.insert(id);
        continue;
      }
      const std::string prefix = id.substr(0, id.size() - 1);
      const auto rest = line.substr(first_cell_end + 2);
      const std::string second = rest.substr(0, rest.find(" |"));
      const std::regex word("`([a-z0-9_]+)`");
      for (auto w = std::sregex_iterator(second.begin(), second.end(), word);
           w != std::sregex_iterator(); ++w) {
        ids.insert(prefix + std::string((*w)[1]));
      }
    }
  }
  return ids;
}

std::set<std::string> registry_ids() {
  std::set<std::string> ids;
  for (const auto& c : checks::all_checks()) ids.emplace(c.id);
  return ids;
}

// docs/checks.md is the repository's own contract, generated from the declarations
// (scripts/generated-files; the generated_files test fails when it is stale): always there, in
// every clone.
TEST(Registry, ListsExactlyTheIdsOfTheRepositorysChecksMd) {
  std::ifstream in(BASELINE_OWN_CHECKS_MD);
  ASSERT_TRUE(in) << "cannot read " << BASELINE_OWN_CHECKS_MD;
  std::stringstream text;
  text << in.rdbuf();
  const auto documented = ids_in_checks_md(text.str());
  ASSERT_GT(documented.size(), 50u);
  EXPECT_EQ(registry_ids(), documented);
}

// The project owner's contract lives in ../shared, beside the checkout, not in it: a clone on its
// own skips with the reason; CI (CI set) has it and must compare.
TEST(Registry, ListsExactlyTheIdsOfTheOwnersChecksMd) {
  std::ifstream in(BASELINE_CHECKS_MD);
  if (!in) {
    if (std::getenv("CI") != nullptr)
      FAIL() << "CI is set but the contract is missing: " << BASELINE_CHECKS_MD;
    GTEST_SKIP() << "the owner's contract is not beside this checkout: " << BASELINE_CHECKS_MD;
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto spec_ids = ids_in_checks_md(text.str());
  ASSERT_GT(spec_ids.size(), 50u);
  EXPECT_EQ(registry_ids(), spec_ids);
}

TEST(Registry, ChecksMdParserExpandsWildcardRows) {
  const auto ids = ids_in_checks_md(
      "| `mail.tls.*` | `version`, `ciphers`: same | as web | required |\n"
      "| `mail.cert.trust`, `mail.cert.name` | As web | info | optional |\n");
  EXPECT_EQ(ids, (std::set<std::string>{"mail.tls.version", "mail.tls.ciphers", "mail.cert.trust",
                                        "mail.cert.name"}));
}

// ---- bad input: refused with file, line and field --------------------------------------------

TEST(ParseCatalog, AcceptsAMinimalCatalogue) {
  auto c = parse_catalog(catalog_with({tested_standard("a", "required", "2", "[dns.caa]"),
                                       questionnaire_standard("q")}),
                         "t.yaml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->version, "test-1");
  EXPECT_EQ(c->standards.size(), 2u);
  EXPECT_DOUBLE_EQ(c->find("a")->weight, 2);
  EXPECT_EQ(c->find("q")->questions.front(), "Do you filter?");
}

TEST(ParseCatalog, MissingFieldNamesFileLineAndField) {
  auto text = tested_standard("dmarc", "required", "1", "[mail.dmarc]");
  text.replace(text.find("    fix: do this\n"), 17, "");
  auto c = parse_catalog(catalog_with({text}), "cat.yaml");
  ASSERT_FALSE(c);
  // The standard starts on line 8 of the file (after 6 header lines and "standards:").
  EXPECT_EQ(c.error().message, "cat.yaml:8: standard 'dmarc': missing field 'fix'");
}

TEST(ParseCatalog, UnknownCheckIsRefusedWithItsLine) {
  auto c = parse_catalog(
      catalog_with({tested_standard("dmarc", "required", "1", "[mail.dmarc, mail.dmark]")}),
      "cat.yaml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message,
            "cat.yaml:21: standard 'dmarc': field 'checks': unknown check 'mail.dmark'");
}

TEST(ParseCatalog, YamlErrorNamesTheLine) {
  auto c = parse_catalog("catalog_version: \"1\"\ntitle: [unclosed\n", "bad.yaml");
  ASSERT_FALSE(c);
  EXPECT_THAT(c.error().message, HasSubstr("bad.yaml:"));
  EXPECT_THAT(c.error().message, HasSubstr("YAML error"));
}

TEST(ParseCatalog, EmptyFieldIsRefused) {
  auto text = tested_standard("spf", "required", "1", "[mail.spf]");
  text.replace(text.find("failure: bad"), 12, "failure: \"  \"");
  auto c = parse_catalog(catalog_with({text}), "cat.yaml");
  ASSERT_FALSE(c);
  EXPECT_THAT(c.error().message, HasSubstr("field 'failure' is empty"));
}

TEST(ParseCatalog, MisspelledFieldIsRefused) {
  auto text = tested_standard("spf", "required", "1", "[mail.spf]");
  text += "    procurment: typo\n";
  auto c = parse_catalog(catalog_with({text}), "cat.yaml");
  ASSERT_FALSE(c);
  EXPECT_THAT(c.error().message,
              HasSubstr("cat.yaml:24: standard 'spf': unknown field 'procurment'"));
}

TEST(ParseCatalog, NestedMissingFieldIsNamed) {
  auto text = tested_standard("spf", "required", "1", "[mail.spf]");
  text.replace(text.find(", readiness: r"), 14, "");
  auto c = parse_catalog(catalog_with({text}), "cat.yaml");
  ASSERT_FALSE(c);
  EXPECT_THAT(c.error().message,
              HasSubstr("cat.yaml:14: standard 'spf': missing field 'readiness'"));
}

TEST(ParseCatalog, RefusesDuplicatesBadLevelsWeightsDomainsAndUrls) {
  const auto spf = tested_standard("spf", "required", "1", "[mail.spf]");
  struct Case {
    std::string text;
    std::string expected;
  } cases[] = {
      {catalog_with({spf, spf}), "standard 'spf' is defined twice"},
      {catalog_with({tested_standard("spf", "mandatory", "1", "[mail.spf]")}),
       "field 'level' must be required, recommended or optional"},
      {catalog_with({tested_standard("spf", "required", "-1", "[mail.spf]")}),
       "field 'weight' must be between 0 and 100"},
      {catalog_with({tested_standard("spf", "required", "heavy", "[mail.spf]")}),
       "field 'weight' must be a number"},
      {catalog_with({tested_standard("spf", "required", "1", "[mail.spf, mail.spf]")}),
       "check 'mail.spf' is listed twice"},
      {catalog_with({tested_standard("spf", "required", "1", "[]")}), "field 'checks' is empty"},
      {[&] {
         auto t = spf;
         t.replace(t.find("domain: net"), 11, "domain: space");
         return catalog_with({t});
       }(),
       "unknown IS3C domain 'space'"},
      {[&] {
         auto t = spf;
         t.replace(t.find("https://www"), 11, "http://www");
         return catalog_with({t});
       }(),
       "document url must start with https://"},
      {catalog_with({spf}, "categories:\n  - {id: c, name: C, checks: [web.nope]}\n"),
       "unknown check 'web.nope'"},
  };
  for (const auto& c : cases) {
    auto result = parse_catalog(c.text, "x.yaml");
    ASSERT_FALSE(result) << c.expected;
    EXPECT_THAT(result.error().message, HasSubstr(c.expected));
    EXPECT_THAT(result.error().message, ::testing::StartsWith("x.yaml:"));
  }
}

TEST(ParseCatalog, QuestionnaireStandardMayNotNameChecks) {
  auto text = questionnaire_standard("bcp38") + "    checks: [dns.caa]\n";
  auto c = parse_catalog(catalog_with({text}), "cat.yaml");
  ASSERT_FALSE(c);
  EXPECT_THAT(c.error().message, HasSubstr("questionnaire-assessed standard has no 'checks'"));
}

TEST(LoadCatalogFile, MissingFileIsAClearError) {
  auto c = load_catalog_file("/nonexistent/standards.yaml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "cannot read catalogue /nonexistent/standards.yaml");
}

}  // namespace
}  // namespace baseline::catalog
