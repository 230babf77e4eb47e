// SPDX-License-Identifier: Apache-2.0
#include "catalog/catalog.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "catalog/catalog_yaml.h"
#include "checks/registry.h"

namespace baseline::catalog {
using detail::CatalogError;
using detail::line_of;
namespace {

// Reads one YAML mapping strictly: every field it asks for must be present and non-empty, and
// `finish` refuses fields nobody asked for (a typo must not silently drop a clause).
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string source, std::string context)
      : node_(node), source_(std::move(source)), context_(std::move(context)) {
    if (!node_.IsMap()) fail(node_, "expected a mapping");
  }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    std::string where = source_ + ":" + std::to_string(line_of(at)) + ": ";
    if (!context_.empty()) where += context_ + ": ";
    throw CatalogError{where + what};
  }

  // Lookups go through a const node: yaml-cpp's non-const operator[] would insert the key.
  YAML::Node child(const std::string& key) const {
    const YAML::Node& node = node_;
    return node[key];
  }

  bool has(const std::string& key) const {
    auto c = child(key);
    return c.IsDefined() && !c.IsNull();
  }

  YAML::Node get(const std::string& key) {
    seen_.insert(key);
    YAML::Node child = this->child(key);
    if (!child.IsDefined() || child.IsNull()) fail(node_, "missing field '" + key + "'");
    return child;
  }

  std::string text(const std::string& key) {
    YAML::Node child = get(key);
    if (!child.IsScalar()) fail(child, "field '" + key + "' must be text");
    auto value = child.Scalar();
    if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
      fail(child, "field '" + key + "' is empty");
    }
    while (!value.empty() && (value.back() == '\n' || value.back() == ' ')) value.pop_back();
    return value;
  }

  std::vector<std::string> text_list(const std::string& key, bool may_be_empty = false) {
    YAML::Node child = get(key);
    if (!child.IsSequence()) fail(child, "field '" + key + "' must be a list");
    if (child.size() == 0 && !may_be_empty) fail(child, "field '" + key + "' is empty");
    std::vector<std::string> out;
    for (const auto& item : child) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        fail(item, "field '" + key + "' must list non-empty text items");
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  MapReader map(const std::string& key, const std::string& sub_context = "") {
    return MapReader(get(key), source_, sub_context.empty() ? context_ : sub_context);
  }

  void finish() const {
    for (const auto& entry : node_) {
      const auto key = entry.first.Scalar();
      if (!seen_.contains(key)) fail(entry.first, "unknown field '" + key + "'");
    }
  }

  const YAML::Node& node() const { return node_; }

 private:
  YAML::Node node_;
  std::string source_;
  std::string context_;
  std::set<std::string> seen_;
};

core::Level parse_level(MapReader& reader, const std::string& key) {
  const auto text = reader.text(key);
  if (text == "required") return core::Level::kRequired;
  if (text == "recommended") return core::Level::kRecommended;
  if (text == "optional") return core::Level::kOptional;
  reader.fail(reader.child(key), "field '" + key + "' must be required, recommended or optional");
}

void check_ids_exist(MapReader& reader, const std::string& key,
                     const std::vector<std::string>& ids) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto item = reader.child(key)[i];
    if (checks::find_check(ids[i]) == nullptr) {
      reader.fail(item, "field '" + key + "': unknown check '" + ids[i] + "'");
    }
    if (!seen.insert(ids[i]).second) {
      reader.fail(item, "field '" + key + "': check '" + ids[i] + "' is listed twice");
    }
  }
}

bool is_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace

Standard detail::parse_standard(const YAML::Node& node, const std::string& source,
                                const Catalog& catalog) {
  Standard s;
  s.line = line_of(node);
  std::string context = "standard";
  if (node.IsMap() && node["id"].IsScalar()) context += " '" + node["id"].Scalar() + "'";
  MapReader r(node, source, context);
  s.id = r.text("id");
  s.name = r.text("name");

  const auto documents = r.get("documents");
  if (!documents.IsSequence() || documents.size() == 0) {
    r.fail(documents, "field 'documents' must list at least one document");
  }
  for (const auto& d : documents) {
    MapReader doc(d, source, context + ", document");
    s.documents.push_back({doc.text("title"), doc.text("url")});
    doc.finish();
    if (!s.documents.back().url.starts_with("https://")) {
      doc.fail(d["url"], "document url must start with https://");
    }
  }

  s.domain = r.text("domain");
  if (!catalog.domains.contains(s.domain)) {
    r.fail(node["domain"], "field 'domain': unknown IS3C domain '" + s.domain + "'");
  }

  auto principles = r.map("principles");
  s.principles = {principles.text("interoperability"), principles.text("security"),
                  principles.text("openness"), principles.text("readiness")};
  principles.finish();

  s.protects_against = r.text("protects_against");

  auto business = r.map("business_case");
  s.business_case = {business.text("risk"), business.text("cost"), business.text("early_adopters")};
  business.finish();

  auto clause = r.map("procurement_clause");
  s.procurement_clause = {clause.text("requirement"), clause.text("verification")};
  clause.finish();

  s.level = parse_level(r, "level");

  const auto weight = r.get("weight");
  try {
    s.weight = weight.as<double>();
  } catch (const YAML::Exception&) {
    r.fail(weight, "field 'weight' must be a number");
  }
  if (!(s.weight > 0) || s.weight > 100) r.fail(weight, "field 'weight' must be between 0 and 100");

  const auto assessment = r.text("assessment");
  if (assessment == "tested") {
    s.assessment = Assessment::kTested;
    // The checks that prove a standard are declared with the checks (checks/declarations.h);
    // a catalogue of its own may still list them, e.g. to regroup them.
    if (r.has("checks")) {
      s.checks = r.text_list("checks");
      check_ids_exist(r, "checks", s.checks);
    } else {
      for (const auto& spec : checks::all_checks()) {
        if (spec.standard == s.id) s.checks.emplace_back(spec.id);
      }
      if (s.checks.empty()) {
        r.fail(node["assessment"], "a tested standard needs checks: no check declares standard '" +
                                       s.id + "' and the entry lists none");
      }
    }
    s.failure = r.text("failure");
    s.fix = r.text("fix");
    if (r.has("questions")) r.fail(node["questions"], "a tested standard has no 'questions'");
  } else if (assessment == "questionnaire") {
    s.assessment = Assessment::kQuestionnaire;
    s.questions = r.text_list("questions");
    for (const char* key : {"checks", "failure", "fix"}) {
      if (r.has(key)) {
        r.fail(node[key], std::string("a questionnaire-assessed standard has no '") + key + "'");
      }
    }
  } else {
    r.fail(node["assessment"], "field 'assessment' must be tested or questionnaire");
  }

  if (r.has("narrative")) {
    auto n = r.map("narrative", context + ", narrative");
    Narrative narrative{n.text("risk"), n.text("peers"), n.text("cost"), n.text("first_step")};
    if (n.has("why")) narrative.why = n.text("why");
    if (n.has("when_met")) narrative.when_met = n.text("when_met");
    if (n.has("when_unmet")) narrative.when_unmet = n.text("when_unmet");
    if (n.has("next_steps")) narrative.next_steps = n.text_list("next_steps");
    s.narrative = std::move(narrative);
    n.finish();
  }
  if (r.has("mandated_by")) s.mandated_by = r.text("mandated_by");
  r.finish();
  return s;
}

namespace {

Catalog parse(std::string_view yaml_text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    throw CatalogError{source + ":" + std::to_string(e.mark.line + 1) + ": YAML error: " + e.msg};
  }
  Catalog catalog;
  catalog.source = source;
  if (!root.IsMap()) throw CatalogError{source + ":1: the catalogue must be a YAML mapping"};
  MapReader r(root, source, "");
  catalog.version = r.text("catalog_version");
  catalog.title = r.text("title");
  catalog.published = r.text("published");
  if (!is_date(catalog.published))
    r.fail(root["published"], "field 'published' must be YYYY-MM-DD");

  auto domains = r.map("domains", "domains");
  for (const auto& entry : domains.node()) {
    domains.text(entry.first.Scalar());
    catalog.domains[entry.first.Scalar()] = entry.second.Scalar();
    catalog.domain_order.push_back(entry.first.Scalar());
  }
  if (catalog.domains.empty()) r.fail(root["domains"], "field 'domains' is empty");

  const auto categories = r.get("categories");
  if (!categories.IsSequence()) r.fail(categories, "field 'categories' must be a list");
  for (const auto& node : categories) {
    MapReader c(node, source, "category");
    Category category{c.text("id"), c.text("name"), c.text_list("checks")};
    check_ids_exist(c, "checks", category.checks);
    c.finish();
    catalog.categories.push_back(std::move(category));
  }

  const auto standards = r.get("standards");
  if (!standards.IsSequence() || standards.size() == 0) {
    r.fail(standards, "field 'standards' must list at least one standard");
  }
  std::set<std::string> ids;
  for (const auto& node : standards) {
    auto standard = detail::parse_standard(node, source, catalog);
    if (!ids.insert(standard.id).second) {
      throw CatalogError{source + ":" + std::to_string(standard.line) + ": standard '" +
                         standard.id + "' is defined twice"};
    }
    catalog.standards.push_back(std::move(standard));
  }
  r.finish();
  return catalog;
}

}  // namespace

const Standard* Catalog::find(std::string_view id) const {
  for (const auto& s : standards) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::string_view Catalog::domain_name(std::string_view key) const {
  auto it = domains.find(std::string(key));
  return it == domains.end() ? key : std::string_view(it->second);
}

core::Result<Catalog> parse_catalog(std::string_view yaml_text, std::string source) {
  try {
    return parse(yaml_text, source);
  } catch (const CatalogError& e) {
    return core::make_error(e.message);
  } catch (const YAML::Exception& e) {
    // Anything the strict reader did not foresee (e.g. a scalar where a list belongs).
    return core::make_error(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

core::Result<Catalog> load_catalog_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error("cannot read catalogue " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_catalog(text.str(), path);
}

core::Result<Catalog> load_catalog(const std::string& path) {
  if (!path.empty()) return load_catalog_file(path);
  return parse_catalog(builtin_catalog_text(), "catalog/standards.yaml (built in)");
}

std::string_view to_string(Assessment assessment) {
  return assessment == Assessment::kTested ? "tested" : "questionnaire";
}

std::vector<std::string> unassigned_checks(const Catalog& catalog) {
  std::set<std::string> named;
  for (const auto& s : catalog.standards) named.insert(s.checks.begin(), s.checks.end());
  std::vector<std::string> out;
  for (const auto& spec : checks::all_checks()) {
    if (!named.contains(std::string(spec.id))) out.emplace_back(spec.id);
  }
  return out;
}

}  // namespace baseline::catalog
