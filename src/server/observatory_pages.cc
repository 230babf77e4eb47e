// SPDX-License-Identifier: Apache-2.0
// The observatory of a signed-in account: its lists (create from pasted CSV with tags, rename,
// delete, add and remove domains, scan type), the schedule, "scan now", the scan monitor, the
// report of each scan (adoption, the per-domain table sorted and filtered on the server,
// comparison with an earlier scan, CSV and XLSX), public links, explanations and the
// comply-or-explain overview. Every query names the caller's account in SQL: another account's
// list or scan is "not found". Every form carries the session's CSRF token.
#include "server/observatory_pages.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <sstream>

#include "catalog/explanations.h"
#include "core/domain_name.h"
#include "core/parse_number.h"
#include "core/version.h"
#include "i18n/i18n.h"
#include "observatory/explanation_store.h"
#include "observatory/exports.h"
#include "observatory/html_page.h"
#include "observatory/list_edit.h"
#include "observatory/list_owner.h"
#include "observatory/overview.h"
#include "observatory/overview_page.h"
#include "observatory/report_links.h"
#include "observatory/scan_report.h"
#include "observatory/server_scans.h"
#include "observatory/xlsx_export.h"
#include "report/html.h"
#include "server/form_body.h"
#include "server/page_layout.h"

namespace baseline::server {

namespace {

using i18n::N_;
using i18n::tr;
using i18n::trf;
using report::html::escape;

// Pasted lists larger than this are refused (the request body bound is lower still).
constexpr std::size_t kMaxPastedList = 1 << 20;
// Tables of domains show this many rows at a time; the exports have them all.
constexpr std::size_t kRowsPerPage = 500;
// A tag with more values than this (organisations, typically) gets no adoption table per value.
constexpr std::size_t kMaxTagValuesShown = 50;
// The monitor page reloads itself this often while the scan runs.
constexpr int kMonitorRefreshSeconds = 5;

struct NotFound {};

std::int64_t owner_of(const RequestContext& c) {
  return c.caller->account_id;
}

std::string csrf_field(const RequestContext& c) {
  return "<input type=hidden name=csrf value=\"" + escape(c.caller ? c.caller->csrf_token : "") +
         "\">";
}

std::optional<std::int64_t> id_param(const RequestContext& c, const std::string& name) {
  const auto& text = c.param(name);
  if (text.size() > 18) return std::nullopt;
  return core::parse_decimal<std::int64_t>(text);
}

Response redirect(const RequestContext& c, const std::string& location) {
  Response response{http::status::see_other, c.request.version()};
  add_security_headers(response);
  response.set(http::field::location, location);
  response.keep_alive(c.request.keep_alive());
  response.prepare_payload();
  return response;
}

Response not_found(const RequestContext& c) {
  return page_error(c.request, http::status::not_found, tr("There is no such list or scan."));
}

Response bad_input(const RequestContext& c, const std::string& message) {
  return page_error(c.request, http::status::bad_request, message);
}

std::string today() {
  return catalog::format_date(catalog::day_of(std::chrono::system_clock::now()));
}

template <typename T>
T unwrap(core::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return *std::move(result);
}

// Whether the caller owns the list: asked before any input is judged, so that another account
// gets "not found" whatever it sends.
bool owns_list(WebFront& front, const RequestContext& c, std::int64_t list) {
  auto found = unwrap(front.store.with(
      [&](store::Store& s) { return observatory::find_owned_list(s, owner_of(c), list); }));
  return found.has_value();
}

std::int64_t unix_of_iso(const std::string& iso) {
  std::tm tm{};
  if (strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return 0;
  return timegm(&tm);
}

// "a.example" or CSV text with a `domain` column and tags → entries; problems are counted.
core::DomainList parse_pasted(const std::string& text) {
  std::istringstream in(text);
  return core::parse_domain_list(in);
}

std::string scan_type_select(const std::string& current) {
  static constexpr std::pair<const char*, const char*> kTypes[] = {
      {"all", N_("website and mail")}, {"web", N_("website only")}, {"mail", N_("mail only")}};
  std::string out = "<select name=scan_type id=scan_type>";
  for (const auto& [type, label] : kTypes) {
    out += std::string("<option value=") + type + (current == type ? " selected" : "") + ">" +
           escape(tr(label)) + "</option>";
  }
  return out + "</select>";
}

// The shown word for a stored scan type ("all", "web", "mail").
std::string scan_type_words(const std::string& type) {
  if (type == "web") return tr("website only");
  if (type == "mail") return tr("mail only");
  return tr("website and mail");
}

// The shown word for a domain's change between two scans (stored in English).
std::string change_words(const std::string& change) {
  if (change == "regressed") return tr("regressed");
  if (change == "improved") return tr("improved");
  if (change == "unchanged") return tr("unchanged");
  if (change == "new") return tr("new");
  return change;
}

// A tag of the list's CSV by its name in the page's language; other tags as they are written.
std::string tag_words(const std::string& tag) {
  if (tag == "sector") return tr("sector");
  if (tag == "country") return tr("country");
  if (tag == "organisation") return tr("organisation");
  return tag;
}

// "72.5%" in the page's language (a decimal comma in Dutch and Portuguese).
std::string percent_text(double percent) {
  return i18n::decimal(percent, 1) + "%";
}

// ---- Lists ----

Response lists_page(WebFront& front, const RequestContext& c) {
  auto lists = unwrap(
      front.store.with([&](store::Store& s) { return observatory::owned_lists(s, owner_of(c)); }));
  std::string body = "<h1>" + escape(tr("Your lists")) + "</h1>\n";
  if (lists.empty()) body += "<p>" + escape(tr("No list yet.")) + "</p>\n";
  body += "<ul class=lists>";
  for (const auto& l : lists) {
    body += "<li><a href=\"/lists/" + std::to_string(l.id) + "\">" +
            escape(observatory::shown_list_name(l.name)) + "</a> (" +
            escape(trf("{count} domains, {scan}", fmt::arg("count", l.domains),
                       fmt::arg("scan", scan_type_words(l.scan_type)))) +
            ")</li>";
  }
  body += "</ul>\n<h2>" + escape(tr("New list")) + "</h2>\n<form method=post action=\"/lists\">" +
          csrf_field(c) + "<p><label for=name>" + escape(tr("Name")) +
          "</label> <input id=name name=name required maxlength=100></p>"
          "<p><label for=scan_type>" +
          escape(tr("Scan")) + "</label> " + scan_type_select("all") +
          "</p><p><label for=domains>" +
          report::html::prose(
              tr("Domains: one per line, or CSV with a `domain` column and the tags `sector`, "
                 "`country`, `organisation`")) +
          "</label><br><textarea id=domains name=domains rows=10 cols=70></textarea></p>"
          "<p><label for=domains_file>" +
          escape(tr("or upload a CSV file")) +
          "</label> <input type=file id=domains_file "
          "accept=\".csv,text/csv,text/plain\" data-fills=domains></p>"
          "<p><button type=submit>" +
          escape(tr("Create the list")) + "</button></p></form>\n";
  return page_response(c.request, http::status::ok, {tr("Your lists"), body});
}

Response create_list(WebFront& front, const RequestContext& c) {
  const auto& form = c.request.body();
  const auto name = form_value(form, "name");
  const auto text = form_value(form, "domains");
  if (text.size() > kMaxPastedList) return bad_input(c, tr("The list is too long."));
  auto parsed = parse_pasted(text);
  if (parsed.entries.empty()) return bad_input(c, tr("The list holds no valid domain name."));
  auto id = front.store.with([&](store::Store& s) {
    return observatory::create_owned_list(s, owner_of(c), name, parsed.entries,
                                          form_value(form, "scan_type"));
  });
  if (!id) return bad_input(c, id.error().message);
  return redirect(c, "/lists/" + std::to_string(*id));
}

std::string schedule_form(const RequestContext& c, std::int64_t list,
                          const std::optional<observatory::Schedule>& schedule) {
  const std::string every = schedule ? schedule->every : "off";
  const bool named =
      every == "off" || every == "weekly" || every == "monthly" || every == "quarterly";
  std::string out = "<form method=post action=\"/lists/" + std::to_string(list) + "/schedule\">" +
                    csrf_field(c) + "<p><label for=every>" + escape(tr("Scan")) +
                    "</label> <select id=every name=every>";
  static constexpr std::pair<const char*, const char*> kOptions[] = {
      {"off", N_("never")},
      {"weekly", N_("every week")},
      {"monthly", N_("every month")},
      {"quarterly", N_("every quarter")},
      {"cron", N_("as the cron expression says")}};
  for (const auto& [option, label] : kOptions) {
    const bool selected = named ? every == option : std::string(option) == "cron";
    out += std::string("<option value=") + option + (selected ? " selected" : "") + ">" +
           escape(tr(label)) + "</option>";
  }
  out += "</select> <label for=cron>" + escape(tr("cron expression (UTC)")) +
         "</label> <input id=cron name=cron maxlength=100 "
         "placeholder=\"0 3 * * 1\" value=\"" +
         escape(named ? "" : every) + "\"> <button type=submit>" + escape(tr("Save the schedule")) +
         "</button></p>";
  if (schedule) {
    out += "<p>" + escape(tr("Next run:")) + " <time>" +
           escape(store::iso_time(schedule->next_due)) + "</time></p>";
  }
  return out + "</form>\n";
}

std::string progress_text(const store::ScanInfo& scan, std::int64_t now) {
  if (!scan.finished.empty()) return trf("finished {time}", fmt::arg("time", scan.finished));
  const auto started = unix_of_iso(scan.started);
  std::string out =
      trf("{done} of {count} done", fmt::arg("done", scan.done), fmt::arg("count", scan.domains));
  if (scan.done > 0 && started > 0 && now > started) {
    const double per_domain = static_cast<double>(now - started) / static_cast<double>(scan.done);
    const auto eta =
        static_cast<std::int64_t>(per_domain * static_cast<double>(scan.domains - scan.done));
    out += trf(", about {minutes} min left (ready at {time})", fmt::arg("minutes", (eta + 59) / 60),
               fmt::arg("time", store::iso_time(now + eta)));
  }
  return out;
}

Response list_page(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  struct View {
    observatory::OwnedList list;
    std::vector<core::ListEntry> entries;
    std::vector<store::ScanInfo> scans;
    std::optional<observatory::Schedule> schedule;
    std::string trend;
  };
  auto view = unwrap(front.store.with([&](store::Store& s) -> core::Result<std::optional<View>> {
    auto list = observatory::find_owned_list(s, owner_of(c), *id);
    if (!list) return list.error();
    if (!*list) return std::optional<View>();
    View v{**list};
    auto entries = observatory::list_entries(s, *id);
    if (!entries) return entries.error();
    v.entries = std::move(*entries);
    auto scans = s.scans(v.list.name);
    if (!scans) return scans.error();
    v.scans = std::move(*scans);
    auto schedules = observatory::schedules(s, owner_of(c));
    if (!schedules) return schedules.error();
    for (const auto& sc : *schedules) {
      if (sc.list_id == *id) v.schedule = sc;
    }
    auto trend = observatory::build_report(s, v.list.name);
    if (!trend) return trend.error();
    if (trend->scans.size() >= 2) {
      std::ostringstream page;
      trend->list = observatory::shown_list_name(trend->list);  // not the owner's prefix
      observatory::write_html(page, *trend, page_catalog(front));
      v.trend = main_content(page.str());
    }
    return std::optional<View>(std::move(v));
  }));
  if (!view) return not_found(c);
  const auto base = "/lists/" + std::to_string(*id);
  const auto shown = observatory::shown_list_name(view->list.name);
  std::string body = "<h1>" + escape(shown) + "</h1>\n";
  body += "<form method=post action=\"" + base + "/scan\">" + csrf_field(c) +
          "<p><button type=submit id=scan-now>" + escape(tr("Scan now")) + "</button></p></form>\n";
  body += "<h2>" + escape(tr("Schedule")) + "</h2>\n" + schedule_form(c, *id, view->schedule);
  body += "<h2>" + escape(tr("Scans")) + "</h2>\n<table class=scans><thead><tr><th>" +
          escape(tr("Scan")) + "</th><th>" + escape(tr("Started")) + "</th><th>" +
          escape(tr("Progress")) + "</th></tr></thead><tbody>";
  const auto now = unix_now();
  for (auto it = view->scans.rbegin(); it != view->scans.rend(); ++it) {
    body += "<tr><td><a href=\"/scans/" + std::to_string(it->id) + "\">#" + std::to_string(it->id) +
            "</a></td><td>" + escape(it->started) + "</td><td>" + escape(progress_text(*it, now)) +
            "</td></tr>";
  }
  body += "</tbody></table>\n<p><a href=\"" + base + "/overview\">" +
          escape(tr("Comply or explain: the overview")) + "</a> · <a href=\"" + base +
          "/notices\">" + escape(tr("Notices to domain owners")) + "</a></p>\n";
  body += view->trend;
  body += "<h2>" + escape(tr("Settings")) + "</h2>\n<form method=post action=\"" + base +
          "/settings\">" + csrf_field(c) + "<p><label for=name>" + escape(tr("Name")) +
          "</label> <input id=name name=name value=\"" + escape(shown) +
          "\" maxlength=100> <label for=scan_type>" + escape(tr("Scan")) + "</label> " +
          scan_type_select(view->list.scan_type) + " <button type=submit>" + escape(tr("Save")) +
          "</button></p></form>\n";
  body += "<h2>" + escape(trf("Domains ({count})", fmt::arg("count", view->entries.size()))) +
          "</h2>\n<form method=post action=\"" + base + "/domains\">" + csrf_field(c) +
          "<p><label for=add>" + escape(tr("Add (one per line, or CSV with tags)")) +
          "</label><br><textarea id=add name=add rows=4 cols=60></textarea></p><p><button "
          "type=submit>" +
          escape(tr("Add")) +
          "</button></p></form>\n"
          "<table class=domains><thead><tr><th>" +
          escape(tr("Domain")) + "</th><th>" + escape(tr("Organisation")) + "</th><th>" +
          escape(tr("Sector")) + "</th><th>" + escape(tr("Country")) +
          "</th><th></th></tr></thead><tbody>";
  // The first page of domains, each with its remove button; the rest are counted.
  const std::size_t shown_entries = std::min(view->entries.size(), kRowsPerPage);
  for (std::size_t i = 0; i < shown_entries; ++i) {
    const auto& e = view->entries[i];
    body += "<tr><td>" + escape(e.domain) + "</td><td>" + escape(e.organisation) + "</td><td>" +
            escape(e.sector) + "</td><td>" + escape(e.country) +
            "</td><td><form method=post "
            "action=\"" +
            base + "/domains\">" + csrf_field(c) + "<input type=hidden name=remove value=\"" +
            escape(e.domain) + "\"><button type=submit>" + escape(tr("Remove")) +
            "</button></form></td></tr>";
  }
  if (shown_entries < view->entries.size()) {
    body +=
        "<tr><td colspan=5>" +
        escape(trf("… and {count} more", fmt::arg("count", view->entries.size() - shown_entries))) +
        "</td></tr>";
  }
  body += "</tbody></table>\n<h2>" + escape(tr("Delete")) + "</h2>\n<form method=post action=\"" +
          base + "/delete\">" + csrf_field(c) +
          "<p><label><input type=checkbox name=confirm value=yes required> " +
          escape(tr("Delete this list with all its scans")) + "</label> <button type=submit>" +
          escape(tr("Delete")) + "</button></p></form>\n";
  return page_response(c.request, http::status::ok, {shown, body});
}

Response list_settings(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id || !owns_list(front, c, *id)) return not_found(c);
  const auto& form = c.request.body();
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<bool> {
    auto renamed = observatory::rename_list(s, owner_of(c), *id, form_value(form, "name"));
    if (!renamed || !*renamed) return renamed;
    return observatory::set_list_settings(s, *id, owner_of(c), form_value(form, "scan_type"));
  });
  if (!outcome) return bad_input(c, outcome.error().message);
  if (!*outcome) return not_found(c);
  return redirect(c, "/lists/" + std::to_string(*id));
}

Response list_domains(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  const auto& form = c.request.body();
  const auto added = form_value(form, "add");
  const auto removed = form_value(form, "remove");
  if (added.size() > kMaxPastedList) return bad_input(c, tr("The list is too long."));
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<bool> {
    auto owned = observatory::find_owned_list(s, owner_of(c), *id);
    if (!owned || !*owned) return owned ? core::Result<bool>(false) : owned.error();
    auto entries = observatory::list_entries(s, *id);
    if (!entries) return entries.error();
    if (!removed.empty()) {
      std::erase_if(*entries, [&](const auto& e) { return e.domain == removed; });
    }
    if (!added.empty()) {
      auto parsed = parse_pasted(added);
      if (parsed.entries.empty()) return core::make_error(tr("No valid domain name to add."));
      for (auto& e : parsed.entries) {
        auto same = std::find_if(entries->begin(), entries->end(),
                                 [&](const auto& x) { return x.domain == e.domain; });
        if (same == entries->end()) {
          entries->push_back(std::move(e));
        } else {
          *same = std::move(e);  // new tags replace the old
        }
      }
    }
    if (entries->empty()) return core::make_error(tr("A list keeps at least one domain."));
    return observatory::replace_entries(s, owner_of(c), *id, *entries);
  });
  if (!outcome) return bad_input(c, outcome.error().message);
  if (!*outcome) return not_found(c);
  return redirect(c, "/lists/" + std::to_string(*id));
}

Response delete_list(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id || !owns_list(front, c, *id)) return not_found(c);
  if (form_value(c.request.body(), "confirm") != "yes") {
    return bad_input(c, tr("Tick the box to confirm the deletion."));
  }
  auto deleted = unwrap(front.store.with(
      [&](store::Store& s) { return observatory::delete_list(s, owner_of(c), *id); }));
  if (!deleted) return not_found(c);
  return redirect(c, "/lists");
}

Response set_schedule(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  const auto& form = c.request.body();
  const auto every = form_value(form, "every");
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<bool> {
    auto owned = observatory::find_owned_list(s, owner_of(c), *id);
    if (!owned || !*owned) return owned ? core::Result<bool>(false) : owned.error();
    if (every == "off") {
      auto removed = observatory::remove_schedule(s, (*owned)->name);
      if (!removed) return removed.error();
      return true;
    }
    auto rule = observatory::Recurrence::parse(every == "cron" ? form_value(form, "cron") : every);
    if (!rule) return rule.error();
    auto set = observatory::set_schedule(s, (*owned)->name, *rule, unix_now());
    if (!set) return set.error();
    return true;
  });
  if (!outcome) return bad_input(c, outcome.error().message);
  if (!*outcome) return not_found(c);
  return redirect(c, "/lists/" + std::to_string(*id));
}

Response scan_now(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<std::int64_t> {
    auto owned = observatory::find_owned_list(s, owner_of(c), *id);
    if (!owned) return owned.error();
    if (!*owned) return std::int64_t{0};
    auto started = observatory::start_scan_now(s, *id, unix_now(), core::kToolVersion,
                                               front.runtime.catalog().version);
    if (!started) return started.error();
    return started->scan;
  });
  if (!outcome) return bad_input(c, outcome.error().message);
  if (*outcome == 0) return not_found(c);
  return redirect(c, "/scans/" + std::to_string(*outcome));
}

// ---- Reports ----

std::string verdict_cell(const observatory::DomainRow& row, const std::string& standard) {
  for (const auto& s : row.domain.standards) {
    if (s.standard != standard) continue;
    auto explained = row.explained.find(standard);
    if (explained != row.explained.end()) {
      return "<td class=explained title=\"" + escape(explained->second.reason) + "\">" +
             escape(trf("explained until {date}", fmt::arg("date", explained->second.until))) +
             "</td>";
    }
    return "<td class=\"verdict " + escape(s.verdict) + "\">" + escape(tr(s.verdict)) + "</td>";
  }
  return "<td></td>";
}

struct TableQuery {
  std::string sort = "domain";  // domain organisation score change
  std::string filter;           // a substring of domain or organisation
  std::string change;           // regressed improved unchanged new, or all
  std::size_t page = 0;         // of kRowsPerPage rows, after filtering and sorting
};

// The table's query string for another page, keeping the filter, sort and comparison.
std::string page_link(const std::string& self, const TableQuery& q,
                      std::optional<std::int64_t> compare, std::size_t page) {
  std::string out = self + "?sort=" + url_encode(q.sort) + "&filter=" + url_encode(q.filter) +
                    "&change=" + url_encode(q.change) + "&page=" + std::to_string(page);
  if (compare) out += "&compare=" + std::to_string(*compare);
  return out;
}

std::string report_body(const observatory::ScanReport& report, const catalog::Catalog& catalog,
                        const TableQuery& query, const std::string& self) {
  std::string body = "<h2>" + escape(tr("Adoption per standard")) +
                     "</h2>\n<table class=adoption><thead><tr><th>" + escape(tr("Standard")) +
                     "</th><th>" + escape(tr("Adopted")) + "</th></tr></thead><tbody>";
  for (const auto& s : catalog.standards) {
    auto it = report.adoption.standards.find(s.id);
    if (it == report.adoption.standards.end() || !it->second.percent()) continue;
    const auto percent = percent_text(*it->second.percent());
    body += "<tr><td>" + escape(s.name) + "</td><td class=num>" + percent + " (" +
            std::to_string(it->second.adopted) + "/" + std::to_string(it->second.counted) +
            ")</td></tr>";
  }
  body += "</tbody></table>\n";
  for (const auto& [tag, values] : report.adoption.by_tag) {
    if (values.size() > kMaxTagValuesShown) {
      body += "<h3>" + escape(trf("Per {tag}", fmt::arg("tag", tag_words(tag)))) + "</h3>\n<p>" +
              escape(trf("{count} values: too many for a table here; the CSV and XLSX exports "
                         "carry the tags.",
                         fmt::arg("count", values.size()))) +
              "</p>\n";
      continue;
    }
    body += "<h3>" + escape(trf("Per {tag}", fmt::arg("tag", tag_words(tag)))) +
            "</h3>\n<table class=adoption-tag><thead><tr><th>" + escape(tag_words(tag)) +
            "</th><th>" + escape(tr("Standard")) + "</th><th>" + escape(tr("Adopted")) +
            "</th></tr></thead><tbody>";
    for (const auto& [value, standards] : values) {
      for (const auto& [standard, a] : standards) {
        if (!a.percent()) continue;
        const auto percent = percent_text(*a.percent());
        body += "<tr><td>" + escape(value) + "</td><td>" + escape(standard) +
                "</td><td class=num>" + percent + "</td></tr>";
      }
    }
    body += "</tbody></table>\n";
  }
  body += "<details><summary>" + escape(tr("Adoption per check")) +
          "</summary><table class=adoption-check><tbody>";
  for (const auto& [check, a] : report.adoption.checks) {
    if (!a.percent()) continue;
    const auto percent = percent_text(*a.percent());
    body +=
        "<tr><td><code>" + escape(check) + "</code></td><td class=num>" + percent + "</td></tr>";
  }
  body += "</tbody></table></details>\n";
  if (report.compared_with) {
    body +=
        "<h2>" +
        escape(trf("Compared with scan #{scan} ({time})",
                   fmt::arg("scan", report.compared_with->id),
                   fmt::arg("time", report.compared_with->started))) +
        "</h2>\n<p id=comparison>" +
        escape(trf("{improved} improved, {regressed} regressed, {unchanged} unchanged, {new} "
                   "new.",
                   fmt::arg("improved", report.improved), fmt::arg("regressed", report.regressed),
                   fmt::arg("unchanged", report.unchanged), fmt::arg("new", report.added))) +
        "</p>\n";
  }
  // The standards any domain has a verdict for, as columns.
  std::set<std::string> seen;
  for (const auto& row : report.rows) {
    for (const auto& s : row.domain.standards) seen.insert(s.standard);
  }
  std::vector<const catalog::Standard*> columns;
  for (const auto& s : catalog.standards) {
    if (seen.contains(s.id)) columns.push_back(&s);
  }
  std::vector<const observatory::DomainRow*> rows;
  for (const auto& row : report.rows) {
    if (!query.filter.empty() && row.domain.domain.find(query.filter) == std::string::npos &&
        row.domain.organisation.find(query.filter) == std::string::npos) {
      continue;
    }
    if (!query.change.empty() && query.change != "all" && row.change != query.change) continue;
    rows.push_back(&row);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
    if (query.sort == "score") return a->domain.score.value_or(-1) < b->domain.score.value_or(-1);
    if (query.sort == "organisation") return a->domain.organisation < b->domain.organisation;
    if (query.sort == "change") return a->change < b->change;
    return a->domain.domain < b->domain.domain;
  });
  body += "<h2>" + escape(tr("Domains")) + "</h2>\n<form method=get action=\"" + self +
          "\" class=filter><label for=filter>" + escape(tr("Filter")) +
          "</label> <input id=filter name=filter maxlength=100 value=\"" + escape(query.filter) +
          "\"> <label for=change>" + escape(tr("Change")) +
          "</label> <select id=change name=change>";
  // The values stay English (they are the query's); the labels are the page's language.
  for (const char* option : {"all", "regressed", "improved", "unchanged", "new"}) {
    const std::string label = std::string(option) == "all" ? tr("any") : change_words(option);
    body += std::string("<option value=") + option + (query.change == option ? " selected" : "") +
            ">" + escape(label) + "</option>";
  }
  body +=
      "</select> <label for=sort>" + escape(tr("Sort by")) + "</label> <select id=sort name=sort>";
  static constexpr std::pair<const char*, const char*> kSorts[] = {
      {"domain", N_("Domain")},
      {"organisation", N_("Organisation")},
      {"score", N_("Score")},
      {"change", N_("Change")}};
  for (const auto& [option, label] : kSorts) {
    body += std::string("<option value=") + option + (query.sort == option ? " selected" : "") +
            ">" + escape(tr(label)) + "</option>";
  }
  body += "</select>";
  if (report.compared_with) {
    body +=
        "<input type=hidden name=compare value=" + std::to_string(report.compared_with->id) + ">";
  }
  body += " <button type=submit>" + escape(tr("Show")) +
          "</button></form>\n<table class=report-domains id=domains><thead><tr><th>" +
          escape(tr("Domain")) + "</th><th>" + escape(tr("Organisation")) + "</th><th>" +
          escape(tr("Score")) + "</th>";
  if (report.compared_with) body += "<th>" + escape(tr("Change")) + "</th>";
  for (const auto* s : columns) body += "<th>" + escape(s->id) + "</th>";
  body += "</tr></thead><tbody>\n";
  const std::size_t first = std::min(query.page * kRowsPerPage, rows.size());
  const std::size_t last = std::min(first + kRowsPerPage, rows.size());
  for (std::size_t i = first; i < last; ++i) {
    const auto* row = rows[i];
    body += "<tr><td>" + escape(row->domain.domain) + "</td><td>" +
            escape(row->domain.organisation) + "</td><td class=num>" +
            (row->domain.score ? std::to_string(*row->domain.score) : "") + "</td>";
    if (report.compared_with) {
      body += "<td class=\"change " + escape(row->change) + "\">" +
              escape(change_words(row->change)) + "</td>";
    }
    for (const auto* s : columns) body += verdict_cell(*row, s->id);
    body += "</tr>\n";
  }
  body +=
      "</tbody></table>\n<p class=pages>" +
      escape(trf("Rows {first}–{last} of {count}", fmt::arg("first", rows.empty() ? 0 : first + 1),
                 fmt::arg("last", last), fmt::arg("count", rows.size())));
  std::optional<std::int64_t> compared;
  if (report.compared_with) compared = report.compared_with->id;
  if (first > 0) {
    body += " · <a rel=prev href=\"" + escape(page_link(self, query, compared, query.page - 1)) +
            "\">" + escape(tr("previous")) + "</a>";
  }
  if (last < rows.size()) {
    body += " · <a rel=next href=\"" + escape(page_link(self, query, compared, query.page + 1)) +
            "\">" + escape(tr("next")) + "</a>";
  }
  return body + "</p>\n";
}

TableQuery table_query(const RequestContext& c) {
  TableQuery q;
  auto sort = form_value(c.query, "sort");
  if (sort == "organisation" || sort == "score" || sort == "change") q.sort = sort;
  q.filter = form_value(c.query, "filter").substr(0, 100);
  q.change = form_value(c.query, "change");
  const auto page = form_value(c.query, "page");
  if (page.size() <= 6) {
    if (auto number = core::parse_decimal<std::size_t>(page)) q.page = *number;
  }
  return q;
}

std::optional<std::int64_t> compare_param(const RequestContext& c) {
  const auto text = form_value(c.query, "compare");
  if (text.size() > 18) return std::nullopt;
  return core::parse_decimal<std::int64_t>(text);
}

Response scan_page(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  const auto compare = compare_param(c);
  struct View {
    observatory::OwnedScan scan;
    std::vector<store::ScanInfo> siblings;
    std::optional<observatory::ScanReport> report;
    std::vector<observatory::PublicLink> links;
  };
  auto view = unwrap(front.store.with([&](store::Store& s) -> core::Result<std::optional<View>> {
    auto scan = observatory::find_owned_scan(s, owner_of(c), *id);
    if (!scan) return scan.error();
    if (!*scan) return std::optional<View>();
    View v{**scan};
    auto siblings = s.scans(v.scan.info.list);
    if (!siblings) return siblings.error();
    v.siblings = std::move(*siblings);
    if (v.scan.info.done > 0) {
      auto report =
          observatory::build_scan_report(s, v.scan.info.list, *id, compare, owner_of(c), today());
      if (!report) return report.error();
      v.report = std::move(*report);
    }
    auto links = observatory::scan_links(s, owner_of(c), *id);
    if (!links) return links.error();
    v.links = std::move(*links);
    return std::optional<View>(std::move(v));
  }));
  if (!view) return not_found(c);
  const auto& info = view->scan.info;
  const auto self = "/scans/" + std::to_string(*id);
  const auto title =
      trf("{list}, scan #{scan}", fmt::arg("list", observatory::shown_list_name(info.list)),
          fmt::arg("scan", *id));
  std::string head;
  std::string body = "<h1>" + escape(title) + "</h1>\n<p><a href=\"/lists/" +
                     std::to_string(view->scan.list_id) + "\">" + escape(tr("The list")) +
                     "</a></p>\n";
  body += "<p id=monitor>" +
          escape(trf("Started {time}; {progress}.", fmt::arg("time", info.started),
                     fmt::arg("progress", progress_text(info, unix_now())))) +
          "</p>\n";
  if (info.finished.empty()) {
    const double share = info.domains > 0 ? static_cast<double>(info.done) / info.domains : 0;
    body += "<progress max=100 value=" + std::to_string(static_cast<int>(share * 100)) +
            "></progress>\n";
    head = "<meta http-equiv=refresh content=" + std::to_string(kMonitorRefreshSeconds) + ">";
  }
  // Comparison with any earlier scan of the list.
  std::string options;
  for (const auto& s : view->siblings) {
    if (s.id >= *id || s.done == 0) continue;
    options += "<option value=" + std::to_string(s.id) +
               (compare && *compare == s.id ? " selected" : "") + ">#" + std::to_string(s.id) +
               " " + escape(s.started) + "</option>";
  }
  if (!options.empty()) {
    body += "<form method=get action=\"" + self + "\"><p><label for=compare>" +
            escape(tr("Compare with")) + "</label> <select id=compare name=compare>" + options +
            "</select> <button "
            "type=submit>" +
            escape(tr("Compare")) + "</button></p></form>\n";
  }
  if (view->report) {
    body += "<p>" + escape(tr("Export:")) + " <a href=\"" + self + ".csv\">CSV</a> · <a href=\"" +
            self + ".xlsx" + (compare ? "?compare=" + std::to_string(*compare) : std::string()) +
            "\">XLSX</a></p>\n";
    body += "<h2>" + escape(tr("Public link")) + "</h2>\n<form method=post action=\"" + self +
            "/publish\">" + csrf_field(c) + "<p><button type=submit>" +
            escape(tr("Make a public link")) + "</button></p></form>\n<ul>";
    for (const auto& link : view->links) {
      body += "<li>" + escape(trf("Made {time}", fmt::arg("time", link.created))) +
              (link.revoked
                   ? " " + escape(tr("(revoked)"))
                   : " <form method=post action=\"" + self + "/revoke\">" + csrf_field(c) +
                         "<input type=hidden name=link value=\"" + escape(link.digest) +
                         "\"><button type=submit>" + escape(tr("Revoke")) + "</button></form>") +
              "</li>";
    }
    body += "</ul>\n" + report_body(*view->report, page_catalog(front), table_query(c), self);
  }
  return page_response(c.request, http::status::ok, {title, body, head});
}

Response scan_export(WebFront& front, const RequestContext& c, bool xlsx) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  const auto compare = compare_param(c);
  auto report = unwrap(front.store.with(
      [&](store::Store& s) -> core::Result<std::optional<observatory::ScanReport>> {
        auto scan = observatory::find_owned_scan(s, owner_of(c), *id);
        if (!scan) return scan.error();
        if (!*scan) return std::optional<observatory::ScanReport>();
        auto report = observatory::build_scan_report(s, (*scan)->info.list, *id, compare,
                                                     owner_of(c), today());
        if (!report) return report.error();
        return std::optional<observatory::ScanReport>(std::move(*report));
      }));
  if (!report) return not_found(c);
  const auto name = "scan-" + std::to_string(*id);
  std::string body, type;
  if (xlsx) {
    body = unwrap(observatory::xlsx_bytes(*report, front.runtime.catalog()));
    type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    std::ostringstream out;
    out << "domain,organisation,sector,country,score,change,standard,verdict,explained_until\r\n";
    for (const auto& row : report->rows) {
      for (const auto& s : row.domain.standards) {
        auto explained = row.explained.find(s.standard);
        out << observatory::csv_field(row.domain.domain) << ','
            << observatory::csv_field(row.domain.organisation) << ','
            << observatory::csv_field(row.domain.sector) << ','
            << observatory::csv_field(row.domain.country) << ','
            << (row.domain.score ? std::to_string(*row.domain.score) : "") << ',' << row.change
            << ',' << observatory::csv_field(s.standard) << ',' << s.verdict << ','
            << (explained == row.explained.end() ? "" : explained->second.until) << "\r\n";
      }
    }
    body = out.str();
    type = "text/csv; charset=utf-8";
  }
  auto response = make_response(c.request, http::status::ok, type, std::move(body));
  response.set(http::field::content_disposition,
               "attachment; filename=\"" + name + (xlsx ? ".xlsx\"" : ".csv\""));
  return response;
}

Response publish(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  auto link = front.store.with(
      [&](store::Store& s) { return observatory::publish_scan(s, owner_of(c), *id); });
  if (!link) return not_found(c);
  const auto url = "/public/" + link->token;
  return page_response(
      c.request, http::status::ok,
      {tr("Public link"),
       "<h1>" + escape(tr("Public link")) + "</h1>\n<p>" +
           escape(trf("Anyone with this link can read the report of scan #{scan} (and nothing "
                      "else) until you revoke it. It is shown only now:",
                      fmt::arg("scan", *id))) +
           "</p>\n<p><a id=public-link href=\"" + escape(url) + "\">" + escape(url) +
           "</a></p>\n<p><a href=\"/scans/" + std::to_string(*id) + "\">" +
           escape(tr("Back to the report")) + "</a></p>"});
}

Response revoke(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  const auto digest = form_value(c.request.body(), "link");
  auto revoked = unwrap(front.store.with([&](store::Store& s) -> core::Result<std::optional<bool>> {
    auto scan = observatory::find_owned_scan(s, owner_of(c), *id);
    if (!scan) return scan.error();
    if (!*scan) return std::optional<bool>();
    auto done = observatory::revoke_link(s, owner_of(c), digest);
    if (!done) return done.error();
    return std::optional<bool>(*done);
  }));
  if (!revoked) return not_found(c);
  if (!*revoked) return bad_input(c, tr("That is not a live link of this report."));
  return redirect(c, "/scans/" + std::to_string(*id));
}

Response public_report(WebFront& front, const RequestContext& c) {
  const auto token = c.param("token");
  auto report = unwrap(front.store.with(
      [&](store::Store& s) -> core::Result<std::optional<observatory::ScanReport>> {
        auto link = observatory::open_public_link(s, token);
        if (!link) return link.error();
        if (!*link) return std::optional<observatory::ScanReport>();
        auto report = observatory::build_scan_report(s, (*link)->list, (*link)->scan, std::nullopt,
                                                     (*link)->owner, today());
        if (!report) return report.error();
        return std::optional<observatory::ScanReport>(std::move(*report));
      }));
  if (!report) {
    return page_error(c.request, http::status::not_found,
                      tr("This link does not exist (any more)."));
  }
  const auto title =
      trf("{list}, scan of {time}", fmt::arg("list", observatory::shown_list_name(report->list)),
          fmt::arg("time", report->adoption.scan.started));
  // The token is the credential: the site's Referrer-Policy (no-referrer) keeps it out of the
  // Referer of any link followed from here.
  return page_response(
      c.request, http::status::ok,
      {title, "<h1>" + escape(title) + "</h1>\n" +
                  report_body(*report, page_catalog(front), table_query(c), "/public/" + token)});
}

// ---- Comply or explain ----

Response overview_page(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id) return not_found(c);
  auto view = unwrap(front.store.with([&](store::Store& s)
                                          -> core::Result<std::optional<std::pair<
                                              observatory::OwnedList,
                                              std::optional<observatory::ListOverview>>>> {
    using View = std::pair<observatory::OwnedList, std::optional<observatory::ListOverview>>;
    auto owned = observatory::find_owned_list(s, owner_of(c), *id);
    if (!owned) return owned.error();
    if (!*owned) return std::optional<View>();
    auto overview = observatory::list_overview(s, (*owned)->name, front.runtime.catalog(), today());
    return std::optional<View>(View{**owned, overview ? std::optional(*overview) : std::nullopt});
  }));
  if (!view) return not_found(c);
  const auto base = "/lists/" + std::to_string(*id);
  std::string body;
  if (view->second) {
    std::ostringstream tables;
    observatory::write_overview_body(tables, *view->second, page_catalog(front));
    body = tables.str();
  } else {
    body = "<h1>" + escape(tr("Comply or explain")) + "</h1>\n<p>" +
           escape(tr("The list has no scan results yet.")) + "</p>\n";
  }
  body += "<h2>" + escape(tr("Explain")) + "</h2>\n<form method=post action=\"" + base +
          "/explanations\">" + csrf_field(c) + "<p><label for=organisation>" +
          escape(tr("Organisation")) +
          "</label> <input id=organisation name=organisation maxlength=200> <label for=domain>" +
          escape(tr("or domain")) +
          "</label> <input id=domain name=domain maxlength=253></p><p><label for=standard>" +
          escape(tr("Standard")) + "</label> <select id=standard name=standard>";
  // The standards by their names in the page's language.
  for (const auto& s : page_catalog(front).standards) {
    body += "<option value=\"" + escape(s.id) + "\">" + escape(s.name) + "</option>";
  }
  body += "</select> <label for=until>" + escape(tr("until")) +
          "</label> <input id=until name=until type=date required></p><p><label for=reason>" +
          escape(tr("Explanation")) +
          "</label><br><textarea id=reason name=reason rows=3 cols=60 maxlength=2000 "
          "required></textarea></p><p><button type=submit>" +
          escape(tr("Record the explanation")) + "</button></p></form>\n<p><a href=\"" + base +
          "\">" + escape(tr("Back to the list")) + "</a></p>\n";
  return page_response(c.request, http::status::ok, {tr("Comply or explain"), body});
}

Response record_explanation(WebFront& front, const RequestContext& c) {
  auto id = id_param(c, "id");
  if (!id || !owns_list(front, c, *id)) return not_found(c);
  const auto& form = c.request.body();
  observatory::StoredExplanation e;
  e.organisation = form_value(form, "organisation").substr(0, 200);
  const auto domain = form_value(form, "domain");
  if (!domain.empty()) {
    auto parsed = core::DomainName::parse(domain);
    if (!parsed) return bad_input(c, tr("That is not a domain name."));
    e.domain = parsed->ascii();
    e.organisation.clear();
  }
  if (e.domain.empty() && e.organisation.empty()) {
    return bad_input(c, tr("Name the organisation or the domain."));
  }
  e.standard = form_value(form, "standard");
  if (front.runtime.catalog().find(e.standard) == nullptr)
    return bad_input(c, tr("Unknown standard."));
  const auto until = catalog::parse_date(form_value(form, "until"));
  if (!until) return bad_input(c, tr("The date must be YYYY-MM-DD."));
  e.until = catalog::format_date(*until);
  e.reason = form_value(form, "reason").substr(0, 2000);
  if (e.reason.empty()) return bad_input(c, tr("Write the explanation."));
  e.recorded = today();
  auto saved = unwrap(front.store.with([&](store::Store& s) -> core::Result<bool> {
    auto owned = observatory::find_owned_list(s, owner_of(c), *id);
    if (!owned) return owned.error();
    if (!*owned) return false;
    return observatory::save_explanation(s, owner_of(c), e);
  }));
  if (!saved) return not_found(c);
  return redirect(c, "/lists/" + std::to_string(*id) + "/overview");
}

}  // namespace

void add_observatory_routes(RouteTable& routes, WebFront& front) {
  auto bind = [&front](Response (*f)(WebFront&, const RequestContext&)) {
    return [&front, f](const RequestContext& c) { return f(front, c); };
  };
  const auto account = Access::kAccount;
  // A list arrives as CSV in the form (pasted or uploaded): up to 4 MiB, some 100,000 domains.
  constexpr std::size_t kListBytes = 4 * 1024 * 1024;
  routes.add({http::verb::get, "/lists", account, bind(lists_page)});
  routes.add({http::verb::post, "/lists", account, bind(create_list), kListBytes});
  routes.add({http::verb::get, "/lists/{id}", account, bind(list_page)});
  routes.add({http::verb::post, "/lists/{id}/settings", account, bind(list_settings)});
  routes.add({http::verb::post, "/lists/{id}/domains", account, bind(list_domains), kListBytes});
  routes.add({http::verb::post, "/lists/{id}/delete", account, bind(delete_list)});
  routes.add({http::verb::post, "/lists/{id}/schedule", account, bind(set_schedule)});
  routes.add({http::verb::post, "/lists/{id}/scan", account, bind(scan_now)});
  routes.add({http::verb::get, "/lists/{id}/overview", account, bind(overview_page)});
  routes.add({http::verb::post, "/lists/{id}/explanations", account, bind(record_explanation)});
  routes.add({http::verb::get, "/scans/{id}.csv", account,
              [&front](const RequestContext& c) { return scan_export(front, c, false); }});
  routes.add({http::verb::get, "/scans/{id}.xlsx", account,
              [&front](const RequestContext& c) { return scan_export(front, c, true); }});
  routes.add({http::verb::get, "/scans/{id}", account, bind(scan_page)});
  routes.add({http::verb::post, "/scans/{id}/publish", account, bind(publish)});
  routes.add({http::verb::post, "/scans/{id}/revoke", account, bind(revoke)});
  routes.add({http::verb::get, "/public/{token}", Access::kPublic, bind(public_report)});
}

}  // namespace baseline::server
