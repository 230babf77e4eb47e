// SPDX-License-Identifier: Apache-2.0
#include "catalog/profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "catalog/catalog_yaml.h"

namespace baseline::catalog {

// Generated from catalog/profiles/*.yaml (src/CMakeLists.txt).
std::string_view builtin_profile_is3c();
std::string_view builtin_profile_nl_gov();
std::string_view builtin_profile_health_example();

namespace {
using detail::CatalogError;
using detail::line_of;

constexpr std::size_t kMaxProfileBytes = 1 << 20;

class ProfileReader {
 public:
  ProfileReader(Catalog& catalog, std::string source)
      : catalog_(catalog), source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    throw CatalogError{source_ + ":" + std::to_string(line_of(at)) + ": " + what};
  }

  void only_fields(const YAML::Node& map, std::initializer_list<std::string_view> known,
                   const std::string& where) const {
    for (const auto& item : map) {
      const auto key = item.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        fail(item.first, fmt::format("{}unknown field '{}'", where, key));
      }
    }
  }

  std::string text(const YAML::Node& map, const std::string& key, const std::string& where,
                   bool required = true) const {
    const auto node = map[key];
    if (!node || node.IsNull()) {
      if (required) fail(map, where + "missing field '" + key + "'");
      return {};
    }
    if (!node.IsScalar() || node.Scalar().find_first_not_of(" \t\n") == std::string::npos) {
      fail(node, where + "field '" + key + "' must be non-empty text");
    }
    auto value = node.Scalar();
    while (!value.empty() && (value.back() == '\n' || value.back() == ' ')) value.pop_back();
    return value;
  }

  Standard* standard(const YAML::Node& id_node, const std::string& where) {
    const auto& id = id_node.Scalar();
    for (auto& s : catalog_.standards) {
      if (s.id == id) return &s;
    }
    fail(id_node, where + "unknown standard '" + id + "'");
  }

  Profile read(const YAML::Node& root) {
    if (!root.IsMap()) throw CatalogError{source_ + ":1: a profile must be a YAML mapping"};
    only_fields(root,
                {"profile", "version", "title", "description", "base", "tls_guideline",
                 "mandated_by", "drop", "change", "add"},
                "");
    Profile p;
    p.source = source_;
    p.id = text(root, "profile", "");
    p.version = text(root, "version", "");
    p.title = text(root, "title", "");
    text(root, "description", "");
    if (text(root, "base", "") != "is3c") fail(root["base"], "base must be is3c (the IS3C list)");
    p.tls_guideline = text(root, "tls_guideline", "", false);
    const auto mandated_by = text(root, "mandated_by", "", false);

    // Order: drop, then change, then add, so that a profile can replace a standard entirely.
    if (const auto drop = root["drop"]) {
      if (!drop.IsSequence()) fail(drop, "drop must be a list of standard IDs");
      std::set<std::string> dropped;
      for (const auto& id : drop) {
        if (!id.IsScalar()) fail(id, "drop: expected a standard ID");
        standard(id, "drop: ");
        if (!dropped.insert(id.Scalar()).second)
          fail(id, "drop: '" + id.Scalar() + "' listed twice");
      }
      std::erase_if(catalog_.standards, [&](const Standard& s) { return dropped.contains(s.id); });
    }
    if (!mandated_by.empty()) {
      for (auto& s : catalog_.standards) s.mandated_by = mandated_by;
    }
    if (const auto change = root["change"]) {
      if (!change.IsMap()) fail(change, "change must map standard IDs to their changes");
      for (const auto& item : change) change_standard(item.first, item.second);
    }
    if (const auto add = root["add"]) {
      if (!add.IsSequence()) fail(add, "add must be a list of standards, as in standards.yaml");
      for (const auto& node : add) {
        auto s = detail::parse_standard(node, source_, catalog_);
        if (catalog_.find(s.id) != nullptr) {
          fail(node, "add: standard '" + s.id + "' exists already (change or drop it instead)");
        }
        if (!s.narrative) fail(node, "add: standard '" + s.id + "' needs a narrative");
        if (s.mandated_by.empty()) s.mandated_by = mandated_by;
        catalog_.standards.push_back(std::move(s));
      }
    }
    if (catalog_.standards.empty()) fail(root, "the profile leaves no standard");
    return p;
  }

 private:
  void change_standard(const YAML::Node& id_node, const YAML::Node& changes) {
    const std::string where = "change '" + id_node.Scalar() + "': ";
    Standard& s = *standard(id_node, "change: ");
    if (!changes.IsMap() || changes.size() == 0)
      fail(id_node, where + "expected the fields to change");
    only_fields(changes, {"name", "level", "weight", "mandated_by", "procurement_clause"}, where);
    if (changes["name"]) s.name = text(changes, "name", where);
    if (changes["level"]) {
      const auto level = text(changes, "level", where);
      if (level == "required") {
        s.level = core::Level::kRequired;
      } else if (level == "recommended") {
        s.level = core::Level::kRecommended;
      } else if (level == "optional") {
        s.level = core::Level::kOptional;
      } else {
        fail(changes["level"], where + "level must be required, recommended or optional");
      }
    }
    if (const auto weight = changes["weight"]) {
      double value = 0;
      try {
        value = weight.as<double>();
      } catch (const YAML::Exception&) {
        fail(weight, where + "weight must be a number");
      }
      if (!(value > 0 && value <= 100)) fail(weight, where + "weight must lie in (0, 100]");
      s.weight = value;
    }
    if (changes["mandated_by"]) s.mandated_by = text(changes, "mandated_by", where);
    if (const auto clause = changes["procurement_clause"]) {
      if (!clause.IsMap())
        fail(clause, where + "procurement_clause must be {requirement, verification}");
      only_fields(clause, {"requirement", "verification"}, where + "procurement_clause: ");
      s.procurement_clause.requirement =
          text(clause, "requirement", where + "procurement_clause: ");
      s.procurement_clause.verification =
          text(clause, "verification", where + "procurement_clause: ");
    }
  }

  Catalog& catalog_;
  std::string source_;
};

}  // namespace

core::Result<Profile> apply_profile(Catalog& catalog, std::string_view yaml_text,
                                    const std::string& source) {
  // Work on a copy: a bad profile leaves the catalogue as it was.
  Catalog changed = catalog;
  try {
    const auto root = YAML::Load(std::string(yaml_text));
    auto profile = ProfileReader(changed, source).read(root);
    changed.profile = profile.id;
    changed.profile_version = profile.version;
    changed.profile_title = profile.title;
    catalog = std::move(changed);
    return profile;
  } catch (const CatalogError& e) {
    return core::make_error(e.message);
  } catch (const YAML::Exception& e) {
    return core::make_error(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

std::vector<std::string> builtin_profile_ids() {
  return {"is3c", "nl-gov", "health-example"};
}

core::Result<Profile> apply_named_profile(Catalog& catalog, std::string_view name) {
  if (name == "is3c")
    return apply_profile(catalog, builtin_profile_is3c(), "catalog/profiles/is3c.yaml (built in)");
  if (name == "nl-gov")
    return apply_profile(catalog, builtin_profile_nl_gov(),
                         "catalog/profiles/nl-gov.yaml (built in)");
  if (name == "health-example") {
    return apply_profile(catalog, builtin_profile_health_example(),
                         "catalog/profiles/health-example.yaml (built in)");
  }
  if (name.find('/') == std::string_view::npos && !name.ends_with(".yaml")) {
    std::string known;
    for (const auto& id : builtin_profile_ids()) known += (known.empty() ? "" : ", ") + id;
    return core::make_error("unknown profile '" + std::string(name) + "' (built in: " + known +
                            "; or a path to a YAML file)");
  }
  const std::string path(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error(path + ": cannot read the profile");
  std::string text(kMaxProfileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxProfileBytes)
    return core::make_error(path + ": larger than 1 MiB, not a profile");
  return apply_profile(catalog, text, path);
}

}  // namespace baseline::catalog
