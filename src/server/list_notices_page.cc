// SPDX-License-Identifier: Apache-2.0
// The notices page of a list, for the account that owns it (/lists/{id}/notices): whether notices
// are on (the opt-in switch, a form with the session's CSRF token), every notice sent, skipped
// (and why), bounced or opted out, and the review queue of notices for https: contacts that a
// person submits. Every query names the caller's account in SQL (list_settings.owner_account):
// another account's list is "not found", exactly like a list that does not exist.

#include <map>
#include <string>

#include "core/parse_number.h"
#include "i18n/i18n.h"
#include "notices/run.h"
#include "observatory/list_edit.h"
#include "observatory/list_owner.h"
#include "report/html.h"
#include "server/form_body.h"
#include "server/page_layout.h"
#include "server/web_front.h"

namespace baseline::server {

namespace {

using i18n::N_;
using i18n::tr;
using i18n::trf;
using report::html::escape;

// A notice's state as the log stores it ("opted_out") in the page's words.
std::string state_words(const std::string& state) {
  static constexpr std::pair<const char*, const char*> kStates[] = {
      {"sent", N_("sent")},       {"review", N_("to review")}, {"skipped", N_("skipped")},
      {"bounced", N_("bounced")}, {"failed", N_("failed")},    {"opted_out", N_("opted out")}};
  for (const auto& [stored, words] : kStates) {
    if (state == stored) return tr(words);
  }
  return state;
}

constexpr int kMaxRows = 500;

// The list's log, only when `owner` owns the list: the ownership is part of the query.
constexpr const char* kOwnedLogSql =
    "SELECT n.id, COALESCE(n.scan_id, 0), n.domain, n.recorded, n.state, n.reason, n.recipient, "
    "n.source, n.language FROM notice_log n JOIN list_settings ls ON ls.list_id = n.list_id "
    "WHERE n.list_id = CAST($1 AS BIGINT) AND ls.owner_account = CAST($2 AS BIGINT) "
    "ORDER BY n.id DESC LIMIT 500";
constexpr const char* kOwnedFindingsSql =
    "SELECT nf.notice_id, nf.standard_id FROM notice_findings nf "
    "JOIN notice_log n ON n.id = nf.notice_id JOIN list_settings ls ON ls.list_id = n.list_id "
    "WHERE n.list_id = CAST($1 AS BIGINT) AND ls.owner_account = CAST($2 AS BIGINT) "
    "AND nf.notice_id >= CAST($3 AS BIGINT) ORDER BY nf.notice_id, nf.standard_id";

std::optional<std::int64_t> list_id(const RequestContext& c) {
  const auto& text = c.param("id");
  if (text.size() > 18) return std::nullopt;
  return core::parse_decimal<std::int64_t>(text);
}

Response not_found(const RequestContext& c) {
  return page_error(c.request, http::status::not_found, tr("There is no such list or scan."));
}

struct Row {
  std::string scan, domain, recorded, state, reason, recipient, source, language;
  std::vector<std::string> findings;
};

std::string findings_text(const Row& r) {
  std::string out;
  for (const auto& f : r.findings) out += (out.empty() ? "" : ", ") + escape(f);
  return out;
}

std::string recipient_cell(const Row& r) {
  // https: contacts (the review queue) become links for the person who submits the notice; the
  // URL was checked (printable ASCII, no spaces or quotes) before it was stored.
  if (r.recipient.starts_with("https://")) {
    return "<a href=\"" + escape(r.recipient) + "\" rel=\"noopener noreferrer nofollow\">" +
           escape(r.recipient) + "</a>";
  }
  return escape(r.recipient.empty() ? "–" : r.recipient);
}

Response notices_page(WebFront& front, const RequestContext& c) {
  const auto id = list_id(c);
  if (!id) return not_found(c);
  struct View {
    observatory::OwnedList list;
    store::NoticeSettings settings;
    std::vector<Row> rows;
  };
  auto loaded = front.store.with([&](store::Store& s) -> core::Result<std::optional<View>> {
    auto owned = observatory::find_owned_list(s, c.caller->account_id, *id);
    if (!owned) return owned.error();
    if (!*owned) return std::optional<View>();
    View view{**owned, {}, {}};
    auto settings = s.notice_settings(view.list.name);
    if (!settings) return settings.error();
    view.settings = *settings;
    const std::vector<std::string> params{std::to_string(*id),
                                          std::to_string(c.caller->account_id)};
    auto rows = s.sql(kOwnedLogSql, params);
    if (!rows) return rows.error();
    std::map<std::string, std::size_t> index;
    for (const auto& r : *rows) {
      if (r.size() < 9) continue;
      index[r[0]] = view.rows.size();
      view.rows.push_back({r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], {}});
    }
    if (!rows->empty()) {
      auto findings = s.sql(kOwnedFindingsSql, {params[0], params[1], rows->back()[0]});
      if (!findings) return findings.error();
      for (const auto& f : *findings) {
        if (auto it = index.find(f[0]); it != index.end() && f.size() > 1)
          view.rows[it->second].findings.push_back(f[1]);
      }
    }
    return std::optional<View>(std::move(view));
  });
  if (!loaded) throw std::runtime_error(loaded.error().message);
  if (!*loaded) return not_found(c);
  const auto& v = **loaded;
  const std::string base = "/lists/" + std::to_string(*id);
  // The list as its owner named it (the stored name carries the account; the command line needs
  // that one).
  const auto shown = observatory::shown_list_name(v.list.name);
  std::string body = "<p class=\"no-print\"><a href=\"" + base + "\">" +
                     escape(trf("List {name}", fmt::arg("name", shown))) + "</a></p>\n<h1>" +
                     escape(trf("Notices of {name}", fmt::arg("name", shown))) + "</h1>\n";
  const auto missing = notices::incomplete_settings(v.settings);
  body += "<h2>" + escape(tr("Sending")) + "</h2>\n<p>" +
          (v.settings.enabled ? tr("Notices after each scan are <strong>on</strong>.")
                              : tr("Notices after each scan are <strong>off</strong>.")) +
          " " +
          escape(v.settings.enabled
                     ? trf("Domains that fail a required standard, or got worse, get a notice "
                           "after each scan: at most one per {days} days, never the same finding "
                           "twice.",
                           fmt::arg("days", v.settings.period_days))
                     : tr("While they are off, each scan writes the notices that would go out as "
                          "files for a person to review; nothing is sent.")) +
          "</p>\n";
  if (!missing.empty()) {
    body += "<p class=\"problem\">" +
            trf("Before notices can be turned on, the list needs: {missing} ({command}).",
                fmt::arg("missing", "<code>" + escape(missing) + "</code>"),
                fmt::arg("command", "<code>baseline notices settings --list " +
                                        escape(v.list.name) + "</code>")) +
            "</p>\n";
  } else {
    body +=
        "<p>" +
        escape(trf("Sender: {sender}. Mandate: {mandate}", fmt::arg("sender", v.settings.sender),
                   fmt::arg("mandate", v.settings.mandate))) +
        "</p>\n";
  }
  body += "<form method=\"post\" action=\"" + base +
          "/notices/optin\"><input type=\"hidden\" name=\"csrf\" value=\"" +
          escape(c.caller->csrf_token) + "\"><input type=\"hidden\" name=\"enabled\" value=\"" +
          (v.settings.enabled ? "0" : "1") + "\"><button type=\"submit\"" +
          (!v.settings.enabled && !missing.empty() ? " disabled" : "") + ">" +
          escape(v.settings.enabled ? tr("Turn notices off") : tr("Turn notices on")) +
          "</button></form>\n";

  std::map<std::string, int> counts;
  for (const auto& r : v.rows) ++counts[r.state];
  body += "<h2>" + escape(tr("Summary")) + "</h2>\n<ul>";
  for (const auto* state : {"sent", "review", "skipped", "bounced", "failed", "opted_out"}) {
    body += "<li>" + escape(state_words(state)) + ": " + std::to_string(counts[state]) + "</li>";
  }
  body += "</ul>\n";

  body +=
      "<h2>" + escape(tr("Review queue")) + "</h2>\n<p>" +
      escape(tr("These domains name only a web page as their security contact. A person submits "
                "the notice there (the text is in the review files).")) +
      "</p>\n";
  std::string queue;
  for (const auto& r : v.rows) {
    if (r.state != "review") continue;
    queue += "<tr><td>" + escape(r.recorded) + "</td><td>" + escape(r.domain) + "</td><td>" +
             recipient_cell(r) + "</td><td>" + findings_text(r) + "</td></tr>\n";
  }
  body += queue.empty() ? "<p>" + escape(tr("Empty.")) + "</p>\n"
                        : "<table><thead><tr><th>" + escape(tr("Recorded")) + "</th><th>" +
                              escape(tr("Domain")) + "</th><th>" + escape(tr("Contact page")) +
                              "</th><th>" + escape(tr("Findings")) + "</th></tr></thead><tbody>\n" +
                              queue + "</tbody></table>\n";

  body += "<h2>" + escape(tr("Log")) + "</h2>\n";
  if (v.rows.empty()) {
    body += "<p>" + escape(tr("No notices yet.")) + "</p>\n";
  } else {
    body += "<table class=\"notices\"><thead><tr><th>" + escape(tr("Recorded")) + "</th><th>" +
            escape(tr("Scan")) + "</th><th>" + escape(tr("Domain")) + "</th><th>" +
            escape(tr("State")) + "</th><th>" + escape(tr("Recipient")) + "</th><th>" +
            escape(tr("Findings")) + "</th><th>" + escape(tr("Why")) +
            "</th></tr></thead><tbody>\n";
    for (const auto& r : v.rows) {
      body += "<tr><td>" + escape(r.recorded) + "</td><td>" + escape(r.scan) + "</td><td>" +
              escape(r.domain.empty() ? "–" : r.domain) + "</td><td>" +
              escape(state_words(r.state)) + "</td><td>" + recipient_cell(r) + "</td><td>" +
              findings_text(r) + "</td><td>" + escape(r.reason.substr(0, 400)) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";
    if (v.rows.size() >= static_cast<std::size_t>(kMaxRows))
      body += "<p class=\"note\">" +
              escape(trf("The newest {count} entries.", fmt::arg("count", kMaxRows))) + "</p>\n";
  }
  return page_response(c.request, http::status::ok,
                       {trf("Notices of {name}", fmt::arg("name", shown)), body});
}

Response set_optin(WebFront& front, const RequestContext& c) {
  const auto id = list_id(c);
  if (!id) return not_found(c);
  // The CSRF token of a session's form is checked in RouteTable::dispatch, before this runs.
  const bool enable = form_value(c.request.body(), "enabled") == "1";
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<std::optional<std::string>> {
    auto owned = observatory::find_owned_list(s, c.caller->account_id, *id);
    if (!owned) return owned.error();
    if (!*owned) return std::optional<std::string>();
    auto settings = s.notice_settings((*owned)->name);
    if (!settings) return settings.error();
    if (enable && !notices::incomplete_settings(*settings).empty()) {
      return core::make_error(core::ErrorCode::kIncomplete, "incomplete notice settings");
    }
    settings->enabled = enable;
    if (auto saved = s.save_notice_settings((*owned)->name, *settings); !saved)
      return saved.error();
    return std::optional<std::string>((*owned)->name);
  });
  if (!outcome) {
    if (outcome.error().code == core::ErrorCode::kIncomplete) {
      return page_error(c.request, http::status::bad_request,
                        tr("The list's notice settings are incomplete; notices stay off."));
    }
    throw std::runtime_error(outcome.error().message);
  }
  if (!*outcome) return not_found(c);
  Response response{http::status::see_other, c.request.version()};
  add_security_headers(response);
  response.set(http::field::location, "/lists/" + std::to_string(*id) + "/notices");
  response.keep_alive(c.request.keep_alive());
  response.prepare_payload();
  return response;
}

}  // namespace

void add_list_notices_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::get, "/lists/{id}/notices", Access::kAccount,
              [&front](const RequestContext& c) { return notices_page(front, c); }});
  routes.add({http::verb::post, "/lists/{id}/notices/optin", Access::kAccount,
              [&front](const RequestContext& c) { return set_optin(front, c); }});
}

}  // namespace baseline::server
