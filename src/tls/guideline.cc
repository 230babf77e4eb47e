// SPDX-License-Identifier: Apache-2.0
#include "tls/guideline.h"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

namespace baseline::tls {

// Generated from catalog/tls-guidelines/*.yaml (src/CMakeLists.txt).
std::string_view builtin_guideline_ncsc_nl_2025_05();
std::string_view builtin_guideline_bsi_tr_02102_2();
std::string_view builtin_guideline_mozilla_intermediate();

namespace {

constexpr std::size_t kMaxGuidelineBytes = 1 << 20;

// Thrown inside the parser only, turned into a core::Error at its boundary.
struct GuidelineError {
  std::string message;
};

int line_of(const YAML::Node& node) {
  const auto mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

class Parser {
 public:
  explicit Parser(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    throw GuidelineError{source_ + ":" + std::to_string(line_of(at)) + ": " + what};
  }

  std::string text(const YAML::Node& map, const char* key) const {
    const auto node = map[key];
    if (!node) fail(map, std::string("missing field '") + key + "'");
    if (!node.IsScalar() || node.Scalar().empty()) {
      fail(node, std::string("'") + key + "' must be a non-empty text");
    }
    return node.Scalar();
  }

  GuidelineClass cls(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a class");
    const auto c = parse_class(node.Scalar());
    if (!c) {
      fail(node, what + ": unknown class '" + node.Scalar() +
                     "' (good, sufficient, phase-out or insufficient)");
    }
    return *c;
  }

  // A mapping name -> class.
  std::map<std::string, GuidelineClass> classes(const YAML::Node& map, const char* key,
                                                bool required = true) const {
    std::map<std::string, GuidelineClass> out;
    const auto node = map[key];
    if (!node) {
      if (required) fail(map, std::string("missing field '") + key + "'");
      return out;
    }
    if (!node.IsMap()) fail(node, std::string("'") + key + "' must map names to classes");
    for (const auto& item : node) {
      const auto name = item.first.as<std::string>();
      if (out.count(name)) fail(item.first, std::string(key) + ": '" + name + "' listed twice");
      out[name] = cls(item.second, std::string(key) + " '" + name + "'");
    }
    return out;
  }

  TlsGuideline parse(const YAML::Node& root) const {
    if (!root.IsMap()) throw GuidelineError{source_ + ":1: a TLS guideline must be a YAML mapping"};
    static const std::set<std::string> kKnown = {"id",
                                                 "name",
                                                 "edition",
                                                 "publisher",
                                                 "url",
                                                 "note",
                                                 "server_cipher_order",
                                                 "versions",
                                                 "suites",
                                                 "groups",
                                                 "custom_dh_group",
                                                 "kex_signature_hashes",
                                                 "certificate"};
    for (const auto& item : root) {
      const auto key = item.first.as<std::string>();
      if (!kKnown.count(key)) fail(item.first, "unknown field '" + key + "'");
    }
    TlsGuideline g;
    g.id = text(root, "id");
    g.name = text(root, "name");
    g.edition = text(root, "edition");
    g.publisher = text(root, "publisher");
    g.url = text(root, "url");
    g.source = source_;
    const auto order = text(root, "server_cipher_order");
    if (order == "required") {
      g.server_cipher_order = true;
    } else if (order == "client_may_choose") {
      g.server_cipher_order = false;
    } else {
      fail(root["server_cipher_order"],
           "server_cipher_order must be required or client_may_choose");
    }
    g.versions = classes(root, "versions");
    static const std::set<std::string> kVersions = {"SSLv2",   "SSLv3",   "TLSv1.0",
                                                    "TLSv1.1", "TLSv1.2", "TLSv1.3"};
    for (const auto& item : root["versions"]) {
      if (!kVersions.count(item.first.as<std::string>())) {
        fail(item.first, "unknown protocol version '" + item.first.as<std::string>() +
                             "' (SSLv2, SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3)");
      }
    }
    const auto suites = root["suites"];
    if (!suites) fail(root, "missing field 'suites'");
    if (!suites.IsSequence() || suites.size() == 0) {
      fail(suites, "'suites' must be a list of {match, class} rules");
    }
    for (const auto& rule : suites) {
      if (!rule.IsMap()) fail(rule, "a suite rule must be {match: PATTERN, class: CLASS}");
      for (const auto& item : rule) {
        const auto key = item.first.as<std::string>();
        if (key != "match" && key != "class")
          fail(item.first, "unknown field '" + key + "' in a suite rule");
      }
      const auto pattern = text(rule, "match");
      if (!rule["class"]) fail(rule, "missing field 'class'");
      g.suites.push_back({pattern, cls(rule["class"], "suite rule '" + pattern + "'")});
    }
    g.groups = classes(root, "groups");
    if (const auto dh = root["custom_dh_group"]) g.custom_dh_group = cls(dh, "custom_dh_group");
    g.kex_signature_hashes = classes(root, "kex_signature_hashes");
    const auto cert = root["certificate"];
    if (!cert) fail(root, "missing field 'certificate'");
    if (!cert.IsMap()) fail(cert, "'certificate' must be a mapping");
    for (const auto& item : cert) {
      const auto key = item.first.as<std::string>();
      if (key != "rsa" && key != "curves" && key != "eddsa" && key != "signature_hashes") {
        fail(item.first, "unknown field '" + key + "' in certificate");
      }
    }
    const auto rsa = cert["rsa"];
    if (!rsa) fail(cert, "missing field 'rsa' in certificate");
    if (!rsa.IsSequence() || rsa.size() == 0)
      fail(rsa, "'rsa' must be a list of {min_bits, class}");
    for (const auto& rule : rsa) {
      if (!rule.IsMap() || !rule["min_bits"] || !rule["class"]) {
        fail(rule, "an rsa rule must be {min_bits: N, class: CLASS}");
      }
      int bits = 0;
      try {
        bits = rule["min_bits"].as<int>();
      } catch (const YAML::Exception&) {
        fail(rule["min_bits"], "min_bits must be a whole number");
      }
      if (bits < 512 || bits > 16384) fail(rule["min_bits"], "min_bits must lie in 512..16384");
      g.certificate_rsa.push_back({bits, cls(rule["class"], "rsa rule")});
    }
    std::sort(g.certificate_rsa.begin(), g.certificate_rsa.end(),
              [](const RsaRule& a, const RsaRule& b) { return a.min_bits > b.min_bits; });
    g.certificate_curves = classes(cert, "curves");
    g.certificate_eddsa = classes(cert, "eddsa", false);
    g.certificate_signature_hashes = classes(cert, "signature_hashes");
    return g;
  }

 private:
  std::string source_;
};

GuidelineClass lookup(const std::map<std::string, GuidelineClass>& table, std::string_view key) {
  const auto it = table.find(std::string(key));
  return it == table.end() ? GuidelineClass::kInsufficient : it->second;
}

std::mutex active_mutex;
std::shared_ptr<const TlsGuideline>& active_slot() {
  static std::shared_ptr<const TlsGuideline> slot;
  return slot;
}

}  // namespace

std::optional<GuidelineClass> parse_class(std::string_view text) {
  for (auto c : {GuidelineClass::kGood, GuidelineClass::kSufficient, GuidelineClass::kPhaseOut,
                 GuidelineClass::kInsufficient}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

GuidelineClass TlsGuideline::version_class(std::string_view version_name) const {
  return lookup(versions, version_name);
}

GuidelineClass TlsGuideline::suite_class(std::string_view iana_name) const {
  const std::string name(iana_name);
  for (const auto& rule : suites) {
    if (fnmatch(rule.pattern.c_str(), name.c_str(), 0) == 0) return rule.cls;
  }
  return GuidelineClass::kInsufficient;
}

GuidelineClass TlsGuideline::group_class(std::string_view group_name) const {
  return lookup(groups, group_name);
}

GuidelineClass TlsGuideline::kex_hash_class(std::string_view hash) const {
  const auto it = kex_signature_hashes.find(std::string(hash));
  // A hash the guideline does not name is one it has no objection to (SHA-256 and up).
  return it == kex_signature_hashes.end() ? GuidelineClass::kGood : it->second;
}

GuidelineClass TlsGuideline::rsa_key_class(int bits) const {
  for (const auto& rule : certificate_rsa) {
    if (bits >= rule.min_bits) return rule.cls;
  }
  return GuidelineClass::kInsufficient;
}

GuidelineClass TlsGuideline::curve_class(std::string_view curve) const {
  return lookup(certificate_curves, curve);
}

GuidelineClass TlsGuideline::eddsa_class(std::string_view key_type) const {
  return lookup(certificate_eddsa, key_type);
}

GuidelineClass TlsGuideline::signature_hash_class(std::string_view hash) const {
  return lookup(certificate_signature_hashes, hash);
}

core::Result<TlsGuideline> parse_guideline(std::string_view yaml, const std::string& source) {
  try {
    const auto root = YAML::Load(std::string(yaml));
    return Parser(source).parse(root);
  } catch (const GuidelineError& e) {
    return core::make_error(e.message);
  } catch (const YAML::Exception& e) {
    return core::make_error(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

core::Result<TlsGuideline> load_guideline_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error(path + ": cannot read the TLS guideline file");
  std::string text(kMaxGuidelineBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxGuidelineBytes) {
    return core::make_error(path + ": larger than 1 MiB, not a TLS guideline");
  }
  return parse_guideline(text, path);
}

std::vector<std::string> builtin_guideline_ids() {
  return {"ncsc-nl-2025-05", "bsi-tr-02102-2", "mozilla-intermediate"};
}

core::Result<TlsGuideline> find_guideline(std::string_view name) {
  if (name == "ncsc-nl" || name == "ncsc-nl-2025-05") {
    return parse_guideline(builtin_guideline_ncsc_nl_2025_05(), "builtin:ncsc-nl-2025-05");
  }
  if (name == "bsi" || name == "bsi-tr-02102-2") {
    return parse_guideline(builtin_guideline_bsi_tr_02102_2(), "builtin:bsi-tr-02102-2");
  }
  if (name == "mozilla" || name == "mozilla-intermediate") {
    return parse_guideline(builtin_guideline_mozilla_intermediate(),
                           "builtin:mozilla-intermediate");
  }
  if (name.find('/') != std::string_view::npos || name.ends_with(".yaml")) {
    return load_guideline_file(std::string(name));
  }
  std::string known;
  for (const auto& id : builtin_guideline_ids()) known += (known.empty() ? "" : ", ") + id;
  return core::make_error("unknown TLS guideline '" + std::string(name) + "' (built in: " + known +
                          "; or a path to a YAML file)");
}

const TlsGuideline& active_guideline() {
  std::lock_guard lock(active_mutex);
  auto& slot = active_slot();
  if (!slot) {
    auto builtin = find_guideline(kDefaultGuideline);
    // The built-in file is checked by the unit tests; failing here is a build defect.
    if (!builtin) throw std::logic_error(builtin.error().message);
    slot = std::make_shared<const TlsGuideline>(std::move(*builtin));
  }
  return *slot;
}

void select_guideline(TlsGuideline guideline) {
  std::lock_guard lock(active_mutex);
  // References handed out earlier stay valid: the replaced guideline is kept, not freed.
  static std::vector<std::shared_ptr<const TlsGuideline>> retired;
  if (active_slot()) retired.push_back(active_slot());
  active_slot() = std::make_shared<const TlsGuideline>(std::move(guideline));
}

}  // namespace baseline::tls
