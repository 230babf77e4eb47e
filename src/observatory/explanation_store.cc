// SPDX-License-Identifier: Apache-2.0
#include "observatory/explanation_store.h"

namespace baseline::observatory {

namespace {

constexpr const char* kUpsert =
    "INSERT INTO explanations (owner_account, organisation, domain, standard_id, reason, until, "
    "recorded) VALUES (CAST($1 AS BIGINT), $2, $3, $4, $5, $6, $7) ON CONFLICT (owner_account, "
    "organisation, domain, standard_id) DO UPDATE SET reason = excluded.reason, "
    "until = excluded.until, recorded = excluded.recorded";

}  // namespace

core::Result<std::size_t> import_explanations(store::Store& store, std::int64_t owner,
                                              const catalog::ExplanationBook& book,
                                              const std::string& today) {
  return store::in_transaction(store, [&]() -> core::Result<std::size_t> {
    for (const auto& e : book.entries()) {
      auto saved = store.sql(
          kUpsert, {std::to_string(owner), "", e.domain, e.standard, e.text,
                    catalog::format_date(e.until), e.recorded.empty() ? today : e.recorded});
      if (!saved) return saved.error();
    }
    return book.entries().size();
  });
}

core::Result<bool> save_explanation(store::Store& store, std::int64_t owner,
                                    const StoredExplanation& e) {
  auto saved = store.sql(kUpsert, {std::to_string(owner), e.organisation, e.domain, e.standard,
                                   e.reason, e.until, e.recorded});
  if (!saved) return saved.error();
  return true;
}

core::Result<bool> delete_explanation(store::Store& store, std::int64_t owner,
                                      const std::string& organisation, const std::string& domain,
                                      const std::string& standard) {
  auto deleted = store.sql(
      "DELETE FROM explanations WHERE owner_account = CAST($1 AS BIGINT) AND organisation = $2 "
      "AND domain = $3 AND standard_id = $4 RETURNING standard_id",
      {std::to_string(owner), organisation, domain, standard});
  if (!deleted) return deleted.error();
  return !deleted->empty();
}

core::Result<std::vector<StoredExplanation>> explanations(store::Store& store, std::int64_t owner) {
  auto rows = store.sql(
      "SELECT organisation, domain, standard_id, reason, until, recorded FROM explanations "
      "WHERE owner_account = CAST($1 AS BIGINT) ORDER BY organisation, domain, standard_id",
      {std::to_string(owner)});
  if (!rows) return rows.error();
  std::vector<StoredExplanation> out;
  out.reserve(rows->size());
  for (auto& r : *rows) out.push_back({r[0], r[1], r[2], r[3], r[4], r[5]});
  return out;
}

const StoredExplanation* find_explanation(const std::vector<StoredExplanation>& all,
                                          const std::string& organisation,
                                          const std::string& domain, const std::string& standard) {
  const StoredExplanation* for_organisation = nullptr;
  for (const auto& e : all) {
    if (e.standard != standard) continue;
    if (!e.domain.empty() && e.domain == domain) return &e;
    if (e.domain.empty() && !e.organisation.empty() && e.organisation == organisation) {
      for_organisation = &e;
    }
  }
  return for_organisation;
}

}  // namespace baseline::observatory
