// SPDX-License-Identifier: Apache-2.0
#include "observatory/report_links.h"

#include "accounts/secret_token.h"

namespace baseline::observatory {

namespace {

// The scan, when its list belongs to `owner`.
core::Result<bool> owns_scan(store::Store& store, std::int64_t owner, std::int64_t scan) {
  auto rows = store.sql(
      "SELECT s.id FROM scans s LEFT JOIN list_settings ls ON ls.list_id = s.list_id "
      "WHERE s.id = CAST($1 AS BIGINT) AND COALESCE(ls.owner_account, 0) = CAST($2 AS BIGINT)",
      {std::to_string(scan), std::to_string(owner)});
  if (!rows) return rows.error();
  return !rows->empty();
}

}  // namespace

core::Result<PublicLink> publish_scan(store::Store& store, std::int64_t owner, std::int64_t scan) {
  auto owned = owns_scan(store, owner, scan);
  if (!owned) return owned.error();
  if (!*owned) return core::make_error("no such scan");
  PublicLink link{accounts::random_secret(), "", scan, store::iso_now(), false};
  link.digest = accounts::secret_digest(link.token);
  auto saved = store.sql(
      "INSERT INTO report_links (token_digest, scan_id, owner_account, created) VALUES ($1, "
      "CAST($2 AS BIGINT), CAST($3 AS BIGINT), $4)",
      {link.digest, std::to_string(scan), std::to_string(owner), link.created});
  if (!saved) return saved.error();
  return link;
}

core::Result<std::vector<PublicLink>> scan_links(store::Store& store, std::int64_t owner,
                                                 std::int64_t scan) {
  auto rows = store.sql(
      "SELECT token_digest, created, CASE WHEN revoked IS NULL THEN 0 ELSE 1 END FROM "
      "report_links WHERE scan_id = CAST($1 AS BIGINT) AND owner_account = CAST($2 AS BIGINT) "
      "ORDER BY created",
      {std::to_string(scan), std::to_string(owner)});
  if (!rows) return rows.error();
  std::vector<PublicLink> out;
  for (const auto& r : *rows) out.push_back({"", r[0], scan, r[1], r[2] == "1"});
  return out;
}

core::Result<bool> revoke_link(store::Store& store, std::int64_t owner, const std::string& digest) {
  auto revoked = store.sql(
      "UPDATE report_links SET revoked = $1 WHERE token_digest = $2 AND "
      "owner_account = CAST($3 AS BIGINT) AND revoked IS NULL RETURNING scan_id",
      {store::iso_now(), digest, std::to_string(owner)});
  if (!revoked) return revoked.error();
  return !revoked->empty();
}

core::Result<std::optional<PublicScan>> open_public_link(store::Store& store,
                                                         const std::string& token) {
  if (!accounts::well_formed_secret(token)) return std::optional<PublicScan>();
  // The link's owner must still own the list: a list given away takes its links with it.
  auto rows = store.sql(
      "SELECT r.scan_id, l.name, r.owner_account FROM report_links r JOIN scans s ON "
      "s.id = r.scan_id JOIN lists l ON l.id = s.list_id LEFT JOIN list_settings ls ON "
      "ls.list_id = l.id WHERE r.token_digest = $1 AND r.revoked IS NULL AND "
      "COALESCE(ls.owner_account, 0) = r.owner_account",
      {accounts::secret_digest(token)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<PublicScan>();
  const auto& r = rows->front();
  return std::optional<PublicScan>(PublicScan{std::stoll(r[0]), r[1], std::stoll(r[2])});
}

}  // namespace baseline::observatory
