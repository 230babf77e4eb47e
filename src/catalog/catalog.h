// SPDX-License-Identifier: Apache-2.0
// The catalogue of standards ("the list"): IS3C's urgent Internet security standards as data,
// loaded from catalog/standards.yaml. Everything people read about a standard — the plain
// explanation, the business case, the procurement clause, the fix — comes from here, and so does
// the catalogue version stamped on every report.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/verdict.h"

namespace baseline::catalog {

struct Document {
  std::string title;  // "RFC 9364: DNS Security Extensions (DNSSEC)"
  std::string url;
};

// Evidence, one sentence each, for IS3C's four principles.
struct Principles {
  std::string interoperability;
  std::string security;
  std::string openness;
  std::string readiness;
};

struct BusinessCase {
  std::string risk;            // of not having it
  std::string cost;            // of deploying it
  std::string early_adopters;  // what they gain
};

struct ProcurementClause {
  std::string requirement;   // ready to paste into a tender
  std::string verification;  // how the buyer checks it: which Baseline test and verdict
};

// The one-page "why this matters to your organisation" section for a director or minister.
// Every standard has one; the texts are held to plain language (catalog/plain-language.yaml).
struct Narrative {
  std::string risk;        // the risk of not having it, in one sentence
  std::string peers;       // what peers and regulators already do
  std::string cost;        // what it costs
  std::string first_step;  // the first thing to do
  // Optional, longer texts (DNSSEC and RPKI have them).
  std::string why;                      // the stakes, in general
  std::string when_met;                 // what the organisation has achieved when it passes
  std::string when_unmet;               // what is at risk when it does not
  std::vector<std::string> next_steps;  // after the first step
};

enum class Assessment { kTested, kQuestionnaire };

struct Standard {
  std::string id;
  std::string name;
  std::vector<Document> documents;
  std::string domain;  // key into Catalog::domains (one of IS3C's four)
  Principles principles;
  std::string protects_against;
  BusinessCase business_case;
  ProcurementClause procurement_clause;
  core::Level level = core::Level::kRequired;
  double weight = 1;
  Assessment assessment = Assessment::kTested;
  std::vector<std::string> checks;     // tested standards: the check IDs that prove it
  std::string failure;                 // tested: what a failure means, in plain words
  std::string fix;                     // tested: the technical fix, for the operator
  std::vector<std::string> questions;  // questionnaire: what a buyer asks a supplier
  std::optional<Narrative> narrative;
  std::string mandated_by;  // the body that makes it mandatory (set by a profile); may be empty
  int line = 0;             // where it starts in the catalogue file (for messages)
};

// An Internet.nl-compatible test category: its percentage is computed over these checks.
struct Category {
  std::string id;  // "web_ipv6", as in the JSON `categories` object
  std::string name;
  std::vector<std::string> checks;
};

struct Catalog {
  std::string version;
  std::string title;
  std::string published;  // YYYY-MM-DD
  std::string source;     // the file it was read from, for messages and reports
  // The profile applied on top of the base list (catalog/profiles/ID.yaml); empty: none.
  std::string profile;          // "nl-gov"
  std::string profile_version;  // "2026.12.1"
  std::string profile_title;    // "Netherlands: government (comply or explain)"
  // The TLS guideline the run grades by (set by the app; empty in a bare catalogue).
  std::string tls_guideline;                   // "ncsc-nl-2025-05"
  std::string tls_guideline_label;             // "NCSC-NL IT Security Guidelines for TLS (2025-05)"
  std::map<std::string, std::string> domains;  // IS3C domain key -> name
  std::vector<std::string> domain_order;       // the keys in the file's order
  std::vector<Standard> standards;
  std::vector<Category> categories;

  const Standard* find(std::string_view id) const;
  std::string_view domain_name(std::string_view key) const;
};

// Parses and validates a catalogue. Any problem — a YAML error, a missing or empty field, an
// unknown field, an unknown check ID, a duplicate standard — is an error naming `source`, the
// line and the field: "catalog/standards.yaml:42: standard 'dmarc': missing field 'fix'".
core::Result<Catalog> parse_catalog(std::string_view yaml_text, std::string source);
core::Result<Catalog> load_catalog_file(const std::string& path);

// The catalogue built into this binary (catalog/standards.yaml at build time).
std::string_view builtin_catalog_text();
// The catalogue to use: the file named by `path` when it is not empty, else the built-in one.
core::Result<Catalog> load_catalog(const std::string& path);

std::string_view to_string(Assessment assessment);

// Check IDs of the registry that no standard of `catalog` names.
std::vector<std::string> unassigned_checks(const Catalog& catalog);

}  // namespace baseline::catalog
