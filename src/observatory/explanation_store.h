// SPDX-License-Identifier: Apache-2.0
// Comply or explain in the store: an account's explanations per organisation, domain and
// standard, with a reason and a last day. `baseline explain import FILE --db URL` records today's
// YAML files here (owner 0: the command line), the pages record an account's own; reports of a
// list apply the explanations of the list's owner. An explanation holds up to and including its
// `until` day; after it, the standard fails again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/explanations.h"
#include "core/result.h"
#include "store/store.h"

namespace baseline::observatory {

struct StoredExplanation {
  std::string organisation;  // '' when the explanation is for one domain, whoever owns it
  std::string domain;        // '' for every domain of the organisation
  std::string standard;
  std::string reason;
  std::string until;     // YYYY-MM-DD, inclusive
  std::string recorded;  // YYYY-MM-DD
};

// Records the book's entries for `owner` in one transaction (all or nothing); an entry replaces
// the owner's earlier one for the same organisation, domain and standard.
core::Result<std::size_t> import_explanations(store::Store& store, std::int64_t owner,
                                              const catalog::ExplanationBook& book,
                                              const std::string& today);
core::Result<bool> save_explanation(store::Store& store, std::int64_t owner,
                                    const StoredExplanation& explanation);
core::Result<bool> delete_explanation(store::Store& store, std::int64_t owner,
                                      const std::string& organisation, const std::string& domain,
                                      const std::string& standard);
core::Result<std::vector<StoredExplanation>> explanations(store::Store& store, std::int64_t owner);

// The explanation that applies to this domain of this organisation for this standard: one for
// the domain itself first, else one for the whole organisation; expired ones included (the
// caller compares `until` with the day of the report).
const StoredExplanation* find_explanation(const std::vector<StoredExplanation>& all,
                                          const std::string& organisation,
                                          const std::string& domain, const std::string& standard);

// YYYY-MM-DD dates compare as text.
inline bool explanation_holds(const StoredExplanation& e, const std::string& today) {
  return today <= e.until;
}

}  // namespace baseline::observatory
