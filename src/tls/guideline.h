// SPDX-License-Identifier: Apache-2.0
// A TLS guideline as data (catalog/tls-guidelines/*.yaml): how a national or industry guideline
// classes protocol versions, cipher suites, key-exchange groups, key-exchange signature hashes and
// certificate keys and signatures. The grading (checks/tls_grading, checks/certificate_grading)
// reads one; NCSC-NL 2025-05 is the default, BSI TR-02102-2 and Mozilla "intermediate" ship too.
//
// One guideline is active per run: chosen once (select_guideline) before the first test starts
// and only read afterwards, so the web and the mail family judge by the same rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tls/cipher_suites.h"

namespace baseline::tls {

// good and sufficient pass, phase-out warns, insufficient fails; anything a guideline does not
// name is insufficient.
using GuidelineClass = SuiteClass;
std::optional<GuidelineClass> parse_class(std::string_view text);

struct SuiteRule {
  std::string pattern;  // shell glob over the IANA name, e.g. "TLS_ECDHE_*_WITH_AES_*_GCM_*"
  GuidelineClass cls;
};

struct RsaRule {
  int min_bits;
  GuidelineClass cls;
};

struct TlsGuideline {
  std::string id;       // "ncsc-nl-2025-05"
  std::string name;     // "NCSC-NL IT Security Guidelines for TLS"
  std::string edition;  // "2025-05"
  std::string publisher;
  std::string url;
  std::string source;  // where it was read from: "builtin:ncsc-nl-2025-05" or a path
  // false: the guideline lets the client pick the suite (Mozilla), so web.tls.cipher_order is
  // information rather than a requirement.
  bool server_cipher_order = true;
  std::map<std::string, GuidelineClass> versions;  // "TLSv1.2" -> class
  std::vector<SuiteRule> suites;                   // first match wins
  std::map<std::string, GuidelineClass> groups;    // "x25519", "ffdhe3072" -> class
  GuidelineClass custom_dh_group = GuidelineClass::kInsufficient;
  std::map<std::string, GuidelineClass> kex_signature_hashes;          // "SHA1" -> class
  std::vector<RsaRule> certificate_rsa;                                // highest min_bits first
  std::map<std::string, GuidelineClass> certificate_curves;            // "prime256v1", "P-256"
  std::map<std::string, GuidelineClass> certificate_eddsa;             // "ED25519"
  std::map<std::string, GuidelineClass> certificate_signature_hashes;  // "SHA256"

  GuidelineClass version_class(std::string_view version_name) const;
  GuidelineClass suite_class(std::string_view iana_name) const;
  GuidelineClass group_class(std::string_view group_name) const;
  GuidelineClass kex_hash_class(std::string_view hash) const;
  GuidelineClass rsa_key_class(int bits) const;
  GuidelineClass curve_class(std::string_view curve) const;
  GuidelineClass eddsa_class(std::string_view key_type) const;
  GuidelineClass signature_hash_class(std::string_view hash) const;
  std::string label() const { return name + " (" + edition + ")"; }
};

// Parses a guideline; errors name `source`:line and what is wrong.
core::Result<TlsGuideline> parse_guideline(std::string_view yaml, const std::string& source);
core::Result<TlsGuideline> load_guideline_file(const std::string& path);

// The guidelines compiled into the binary, by id: ncsc-nl-2025-05, bsi-tr-02102-2,
// mozilla-intermediate.
std::vector<std::string> builtin_guideline_ids();
inline constexpr std::string_view kDefaultGuideline = "ncsc-nl-2025-05";
// A built-in id (or "ncsc-nl", "bsi", "mozilla"), or a path to a YAML file.
core::Result<TlsGuideline> find_guideline(std::string_view name_or_path);

// The run's guideline (NCSC-NL 2025-05 until select_guideline is called).
const TlsGuideline& active_guideline();
// Call before the first test; not thread-safe against running tests.
void select_guideline(TlsGuideline guideline);

}  // namespace baseline::tls
