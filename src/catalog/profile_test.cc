// SPDX-License-Identifier: Apache-2.0
#include "catalog/profile.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

namespace baseline::catalog {
namespace {

Catalog base() {
  return *load_catalog("");
}

TEST(Profile, EveryBuiltinProfileApplies) {
  for (const auto& id : builtin_profile_ids()) {
    auto catalog = base();
    auto profile = apply_named_profile(catalog, id);
    ASSERT_TRUE(profile) << profile.error().message;
    EXPECT_EQ(profile->id, id);
    EXPECT_EQ(catalog.profile, id);
    EXPECT_FALSE(catalog.profile_version.empty());
    EXPECT_FALSE(profile->tls_guideline.empty());
  }
}

TEST(Profile, Is3cChangesNothing) {
  auto catalog = base();
  ASSERT_TRUE(apply_named_profile(catalog, "is3c"));
  const auto original = base();
  ASSERT_EQ(catalog.standards.size(), original.standards.size());
  for (std::size_t i = 0; i < catalog.standards.size(); ++i) {
    EXPECT_EQ(catalog.standards[i].id, original.standards[i].id);
    EXPECT_EQ(catalog.standards[i].level, original.standards[i].level);
    EXPECT_EQ(catalog.standards[i].weight, original.standards[i].weight);
  }
}

// nl-gov changes exactly what its file says: read the file independently and compare every
// standard of the base list with the profiled one.
TEST(Profile, NlGovChangesExactlyWhatItSays) {
  const auto file = YAML::LoadFile(std::string(BASELINE_PROFILES_DIR) + "/nl-gov.yaml");
  std::set<std::string> dropped;
  for (const auto& id : file["drop"]) dropped.insert(id.as<std::string>());
  const auto changes = file["change"];
  const auto mandated_by = file["mandated_by"].as<std::string>();

  const auto original = base();
  auto profiled = base();
  ASSERT_TRUE(apply_named_profile(profiled, "nl-gov"));
  EXPECT_EQ(profiled.standards.size(), original.standards.size() - dropped.size());
  int changed_fields = 0;
  for (const auto& before : original.standards) {
    const auto* after = profiled.find(before.id);
    if (dropped.contains(before.id)) {
      EXPECT_EQ(after, nullptr) << before.id << " should be dropped";
      continue;
    }
    ASSERT_NE(after, nullptr) << before.id << " should be kept";
    const auto change = changes[before.id];
    auto level = before.level;
    if (change && change["level"]) {
      const auto text = change["level"].as<std::string>();
      level = text == "required"      ? core::Level::kRequired
              : text == "recommended" ? core::Level::kRecommended
                                      : core::Level::kOptional;
    }
    EXPECT_EQ(after->level, level) << before.id;
    EXPECT_EQ(after->weight,
              change && change["weight"] ? change["weight"].as<double>() : before.weight)
        << before.id;
    EXPECT_EQ(after->mandated_by, change && change["mandated_by"]
                                      ? change["mandated_by"].as<std::string>()
                                      : mandated_by)
        << before.id;
    if (change && change["procurement_clause"]) {
      EXPECT_NE(after->procurement_clause.requirement, before.procurement_clause.requirement);
      EXPECT_NE(after->procurement_clause.requirement.find("comply-or-explain"), std::string::npos);
    } else {
      EXPECT_EQ(after->procurement_clause.requirement, before.procurement_clause.requirement)
          << before.id;
    }
    changed_fields += (after->level != before.level) + (after->weight != before.weight);
    // Everything else stays as the base list has it.
    EXPECT_EQ(after->name, before.name);
    EXPECT_EQ(after->checks, before.checks);
    EXPECT_EQ(after->fix, before.fix);
    EXPECT_EQ(after->protects_against, before.protects_against);
    EXPECT_EQ(after->narrative->risk, before.narrative->risk);
  }
  EXPECT_GE(changed_fields, 5);  // the profile does change something
  EXPECT_EQ(profiled.categories.size(), original.categories.size());
}

TEST(Profile, SectorExampleAddsAStandard) {
  auto catalog = base();
  ASSERT_TRUE(apply_named_profile(catalog, "health-example"));
  const auto* added = catalog.find("health-isms");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->assessment, Assessment::kQuestionnaire);
  ASSERT_TRUE(added->narrative);
  EXPECT_EQ(catalog.find("etsi-en-303-645"), nullptr);
  EXPECT_EQ(catalog.find("dmarc")->weight, 2);
}

TEST(Profile, ErrorsNameFileLineAndWhatIsWrong) {
  const std::string head =
      "profile: p\nversion: \"1\"\ntitle: T\ndescription: D\nbase: is3c\n";  // lines 1-5
  auto error = [&](const std::string& tail) {
    auto catalog = base();
    auto r = apply_profile(catalog, head + tail, "p.yaml");
    EXPECT_FALSE(r);
    EXPECT_EQ(catalog.profile, "");  // a bad profile leaves the catalogue alone
    EXPECT_EQ(catalog.standards.size(), base().standards.size());
    return r ? std::string() : r.error().message;
  };
  EXPECT_EQ(error("change:\n  dnsec:\n    level: optional\n"),
            "p.yaml:7: change: unknown standard 'dnsec'");
  EXPECT_EQ(error("change:\n  dnssec:\n    level: mandatory\n"),
            "p.yaml:8: change 'dnssec': level must be required, recommended or optional");
  EXPECT_EQ(error("change:\n  dnssec:\n    colour: red\n"),
            "p.yaml:8: change 'dnssec': unknown field 'colour'");
  EXPECT_EQ(error("drop: [dnssec, dnssec]\n"), "p.yaml:6: drop: 'dnssec' listed twice");
  EXPECT_EQ(error("mandated: x\n"), "p.yaml:6: unknown field 'mandated'");
  EXPECT_EQ(error("change:\n  dmarc:\n    weight: heavy\n"),
            "p.yaml:8: change 'dmarc': weight must be a number");
  const auto added = error("add:\n  - id: dnssec\n    name: X\n");
  EXPECT_EQ(added.rfind("p.yaml:7: ", 0), 0u) << added;  // the catalogue's own strict reader
  EXPECT_EQ(error("change: [").rfind("p.yaml:", 0), 0u);

  auto catalog = base();
  EXPECT_FALSE(apply_named_profile(catalog, "nowhere"));
  EXPECT_NE(apply_named_profile(catalog, "nowhere").error().message.find("nl-gov"),
            std::string::npos);
}

}  // namespace
}  // namespace baseline::catalog
