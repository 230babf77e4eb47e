// SPDX-License-Identifier: Apache-2.0
// The pages of the web front, rendered on the server from stored results (no JavaScript needed;
// /static/baseline.js only adds live progress).
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "catalog/explanations.h"
#include "catalog/scoring.h"
#include "i18n/finding.h"
#include "i18n/i18n.h"
#include "observatory/adoption.h"
#include "observatory/html_page.h"
#include "observatory/list_owner.h"
#include "report/catalog_export.h"
#include "report/html.h"
#include "report/html_report.h"
#include "server/domain_input.h"
#include "server/form_body.h"
#include "server/page_layout.h"
#include "server/test_view.h"
#include "server/web_front.h"

namespace baseline::server {

namespace {

using i18n::tr;
using i18n::trf;
using report::html::escape;

constexpr int kSiteHistory = 50;

std::string age_words(std::int64_t seconds) {
  if (seconds < 2) return tr("just now");
  if (seconds < 90) return trf("{count} seconds ago", fmt::arg("count", seconds));
  if (seconds < 90 * 60) return trf("{count} minutes ago", fmt::arg("count", (seconds + 30) / 60));
  if (seconds < 36 * 3600)
    return trf("{count} hours ago", fmt::arg("count", (seconds + 1800) / 3600));
  return trf("{count} days ago", fmt::arg("count", (seconds + 43200) / 86400));
}

std::string domain_heading(const std::string& ascii) {
  auto domain = core::DomainName::parse(ascii);
  if (!domain || domain->unicode() == ascii)
    return "<span class=\"domain-name\">" + escape(ascii) + "</span>";
  return "<span class=\"domain-name\">" + escape(domain->unicode()) +
         "</span> <span class=\"a-label\">(" + escape(ascii) + ")</span>";
}

std::string home_form(const std::string& typed, const std::string& problem) {
  std::string out =
      "<h1>" + escape(tr("Does your organisation use the urgent Internet security standards?")) +
      "</h1>\n<p class=\"lead\">" +
      escape(tr("Type a domain name. Baseline tests its website, its mail and its DNS against the "
                "standards of the IS3C list, explains every result in plain words and gives you a "
                "link to share.")) +
      "</p>\n";
  if (!problem.empty()) out += "<p class=\"problem\" role=\"alert\">" + escape(problem) + "</p>\n";
  out +=
      "<form class=\"test-form\" method=\"post\" action=\"/test\">\n"
      "<label for=\"domain\">" +
      escape(tr("Domain name")) +
      "</label>\n"
      "<div class=\"field\"><input id=\"domain\" name=\"domain\" type=\"text\" inputmode=\"url\" "
      "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"300\" "
      "placeholder=\"example.nl\" required value=\"" +
      escape(typed) + "\"><button type=\"submit\">" + escape(tr("Test")) +
      "</button></div>\n<fieldset><legend>" + escape(tr("What to test")) +
      "</legend><label><input type=\"checkbox\" name=\"web\" value=\"1\" checked> " +
      escape(tr("Website")) +
      "</label> <label><input type=\"checkbox\" name=\"mail\" value=\"1\" checked> " +
      escape(tr("Mail")) + "</label></fieldset>\n<p class=\"note\">" +
      escape(tr("Names in any script are accepted (münchen.de); a pasted address such as "
                "https://example.nl/contact tests example.nl.")) +
      "</p>\n</form>\n";
  return out;
}

Response home(const RequestContext& c) {
  return page_response(c.request, http::status::ok, {tr("Test a domain"), home_form("", "")});
}

Response submit_form(WebFront& front, const RequestContext& c) {
  const auto& body = c.request.body();
  const std::string typed = form_value(body, "domain");
  runtime::Families families{form_has(body, "web"), form_has(body, "mail")};
  if (!families.web && !families.mail) families = {true, true};
  auto outcome = submit_test(front, typed, families, c.client);
  if (auto* refusal = std::get_if<SubmitRefusal>(&outcome)) {
    auto response =
        page_response(c.request, refusal->status,
                      {tr("Test a domain"), home_form(typed.substr(0, 300), refusal->shown)});
    if (refusal->retry_after)
      response.set(http::field::retry_after, std::to_string(*refusal->retry_after));
    return response;
  }
  const auto& submission = std::get<store::Submission>(outcome);
  Response response{http::status::see_other, c.request.version()};
  add_security_headers(response);
  response.set(http::field::location, "/test/" + submission.test.id);
  response.keep_alive(c.request.keep_alive());
  response.prepare_payload();
  return response;
}

std::optional<store::WebTest> load_test(WebFront& front, const std::string& id) {
  auto test = front.store.with([&](store::Store& s) { return s.find_test(id); });
  if (!test) throw std::runtime_error(test.error().message);
  return *test;
}

std::string categories_table(const nlohmann::json& result, const catalog::Catalog& catalog) {
  if (!result.contains("categories") || !result["categories"].is_object()) return {};
  std::string out = "<h2>" + escape(tr("Internet.nl categories")) +
                    "</h2>\n<table class=\"categories\"><thead><tr><th>" + escape(tr("Category")) +
                    "</th><th>" + escape(tr("Score")) + "</th></tr></thead><tbody>\n";
  for (const auto& category : catalog.categories) {
    if (!result["categories"].contains(category.id)) continue;
    const auto& value = result["categories"][category.id];
    out += "<tr><td>" + escape(category.name) + " <code>" + escape(category.id) +
           "</code></td><td>" +
           (value.is_number() ? std::to_string(value.get<int>()) + "%"
                              : std::string(tr("not tested"))) +
           "</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

// The result's report section and category table: the expensive part of a result page, and the
// same for every request (a stored result never changes).
std::string rendered_result(WebFront& front, const store::WebTest& test) {
  const std::string key = test.id + "|" + i18n::language();
  if (auto cached = front.rendered_results.find(key)) return *cached;
  const auto result = nlohmann::json::parse(test.result, nullptr, false);
  auto report = report_from_json(result);
  if (!report) throw std::runtime_error("stored result " + test.id + " is not a test result");
  const auto& catalog = page_catalog(front);
  const auto card = catalog::score_domain(catalog, report->results, report->domain.ascii(), nullptr,
                                          catalog::day_of(report->started));
  std::ostringstream section;
  report::write_html_section(section, {*report, card}, catalog, {});
  std::string out = section.str() + categories_table(result, catalog);
  front.rendered_results.put(key, out);
  return out;
}

std::string result_body(WebFront& front, const store::WebTest& test) {
  std::string out =
      "<p class=\"permalink no-print\">" +
      escape(trf("Tested {age} ({date}). This page is a permanent link to this result:",
                 fmt::arg("age", age_words(unix_now() - test.finished_unix)),
                 fmt::arg("date", i18n::long_date(test.finished) + " " +
                                      test.finished.substr(
                                          std::min<std::size_t>(11, test.finished.size()))))) +
      " <a href=\"/test/" + escape(test.id) + "\">/test/" + escape(test.id) +
      "</a> · <a href=\"/test/" + escape(test.id) + ".json\">JSON</a> · <a href=\"/site/" +
      escape(test.domain) + "\">" +
      escape(trf("history of {domain}", fmt::arg("domain", test.domain))) + "</a></p>\n";
  return out + rendered_result(front, test);
}

Response test_page(WebFront& front, const RequestContext& c) {
  auto test = load_test(front, c.param("id"));
  if (!test)
    return page_error(c.request, http::status::not_found, tr("There is no test with this id."));
  const std::string title = trf("Test of {domain}", fmt::arg("domain", test->domain));
  if (test->state == store::kDone) {
    return page_response(c.request, http::status::ok, {title, result_body(front, *test)});
  }
  if (test->state == store::kFailed) {
    return page_response(
        c.request, http::status::ok,
        {title, "<h1>" + escape(tr("Test of")) + " " + domain_heading(test->domain) +
                    "</h1>\n<p role=\"alert\" class=\"problem\">" +
                    escape(trf("The test could not finish: {reason}",
                               fmt::arg("reason", i18n::translate_finding(test->error)))) +
                    "</p>\n<p><a href=\"/\">" + escape(tr("Test a domain")) + "</a></p>"});
  }
  const auto timeout = static_cast<int>(front.runtime.options().timeout_seconds);
  const auto waited = std::max<std::int64_t>(0, unix_now() - test->submitted_unix);
  std::string body = "<h1>" + escape(tr("Testing")) + " " + domain_heading(test->domain) +
                     "</h1>\n" + "<div id=\"progress\" class=\"progress\" data-test=\"" +
                     escape(test->id) + "\" data-timeout=\"" + std::to_string(timeout) +
                     "\" aria-live=\"polite\">\n" + "<p class=\"status\">" +
                     escape(test->state == store::kQueued ? tr("Waiting for a free tester…")
                                                          : tr("Running the checks…")) +
                     "</p>\n<ul class=\"families\">";
  const auto finished =
      front.progress ? front.progress->finished_families(test->id) : std::vector<std::string>{};
  for (const auto* family : {"dns", "web", "mail", "routing"}) {
    const bool runs = std::string_view(family) == "dns" || std::string_view(family) == "routing" ||
                      test->families.find(family) != std::string::npos;
    if (!runs) continue;
    const bool done = std::find(finished.begin(), finished.end(), family) != finished.end();
    body += std::string("<li data-family=\"") + family + "\">" + family + ": <span>" +
            escape(done                            ? tr("done")
                   : test->state == store::kQueued ? tr("queued")
                                                   : tr("running")) +
            "</span></li>";
  }
  body += "</ul>\n<p>" +
          escape(trf("Submitted {waited} s ago; a test takes at most {timeout} seconds. This page "
                     "refreshes itself; its address is the permanent link to the result.",
                     fmt::arg("waited", waited), fmt::arg("timeout", timeout))) +
          "</p>\n</div>\n";
  return page_response(
      c.request, http::status::ok,
      {title, body, "<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>\n"});
}

Response test_json(WebFront& front, const RequestContext& c) {
  auto test = load_test(front, c.param("id"));
  if (!test)
    return api_error(c.request, http::status::not_found, "unknown-test",
                     "There is no test with this id.");
  if (test->state != store::kDone) {
    return api_error(c.request, http::status::accepted, "not-finished",
                     "The test has not finished yet; its status is at /api/v1/tests/" + test->id);
  }
  return make_response(c.request, http::status::ok, "application/json", test->result);
}

// What changed between two stored results, standard by standard.
std::string changes(const std::string& before_text, const std::string& after_text) {
  const auto before = nlohmann::json::parse(before_text, nullptr, false);
  const auto after = nlohmann::json::parse(after_text, nullptr, false);
  if (!before.contains("standards") || !after.contains("standards")) return {};
  std::map<std::string, std::string> was;
  for (const auto& s : before["standards"]) was[s.value("id", "")] = s.value("verdict", "");
  std::string out;
  for (const auto& s : after["standards"]) {
    const auto id = s.value("id", "");
    const auto now = s.value("verdict", "");
    auto it = was.find(id);
    if (it == was.end() || it->second == now) continue;
    out += (out.empty() ? "" : ", ") + escape(id) + ": " + escape(it->second) + " → " + escape(now);
  }
  return out.empty() ? escape(tr("no change")) : out;
}

Response site_page(WebFront& front, const RequestContext& c) {
  auto parsed = parse_domain_input(c.param("domain"));
  if (auto* problem = std::get_if<InputProblem>(&parsed)) {
    return page_error(c.request, http::status::bad_request, problem->shown);
  }
  const auto domain = std::get<core::DomainName>(parsed).ascii();
  auto history =
      front.store.with([&](store::Store& s) { return s.site_tests(domain, kSiteHistory, true); });
  if (!history) throw std::runtime_error(history.error().message);
  std::string body = "<h1>" + domain_heading(domain) + "</h1>\n";
  if (history->empty()) {
    body += "<p>" + escape(tr("This domain has not been tested here yet.")) +
            "</p>\n<form method=\"post\" action=\"/test\"><input type=\"hidden\" name=\"domain\" "
            "value=\"" +
            escape(domain) + "\"><button type=\"submit\">" + escape(tr("Test it now")) +
            "</button></form>\n";
    return page_response(c.request, http::status::not_found, {domain, body});
  }
  const auto& latest = history->front();
  body +=
      "<p class=\"lead\">" + escape(tr("Latest result:")) + " <a href=\"/test/" +
      escape(latest.id) + "\">" +
      escape(trf("score {score} of 100, tested {date}",
                 fmt::arg("score", latest.score ? std::to_string(*latest.score) : std::string("–")),
                 fmt::arg("date", i18n::long_date(latest.finished)))) +
      "</a>.</p>\n<p><a href=\"/test/" + escape(latest.id) + "\"><img src=\"/badge/" +
      escape(domain) + ".svg\" alt=\"" +
      escape(trf("Baseline score badge of {domain}", fmt::arg("domain", domain))) +
      "\" width=\"180\" height=\"20\"></a></p>\n<p class=\"note\">" +
      escape(tr("To show the badge on your site, link it to this page, which always has the "
                "latest result:")) +
      " <code>&lt;a href=\"/site/" + escape(domain) + "\"&gt;&lt;img src=\"/badge/" +
      escape(domain) + ".svg\" alt=\"Baseline\"&gt;&lt;/a&gt;</code></p>\n<h2>" +
      escape(tr("History")) + "</h2>\n<table><thead><tr><th>" + escape(tr("Tested")) + "</th><th>" +
      escape(tr("Score")) + "</th><th>" + escape(tr("What changed since the test before")) +
      "</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < history->size(); ++i) {
    const auto& t = (*history)[i];
    body += "<tr><td><a href=\"/test/" + escape(t.id) + "\">" +
            escape(i18n::long_date(t.finished)) + "</a></td><td>" +
            (t.score ? std::to_string(*t.score) : std::string("–")) + "</td><td>" +
            (i + 1 < history->size() ? changes((*history)[i + 1].result, t.result)
                                     : escape(tr("first test"))) +
            "</td></tr>\n";
  }
  body +=
      "</tbody></table>\n<form method=\"post\" action=\"/test\"><input type=\"hidden\" "
      "name=\"domain\" value=\"" +
      escape(domain) + "\"><button type=\"submit\">" + escape(tr("Test again")) +
      "</button></form>\n";
  return page_response(c.request, http::status::ok, {domain, body});
}

Response badge(WebFront& front, const RequestContext& c) {
  auto parsed = parse_domain_input(c.param("domain"));
  std::string value = "not tested";
  std::string colour = "#6b7280";
  if (auto* domain = std::get_if<core::DomainName>(&parsed)) {
    auto history =
        front.store.with([&](store::Store& s) { return s.site_tests(domain->ascii(), 1, false); });
    if (history && !history->empty() && history->front().score) {
      const int score = *history->front().score;
      value = std::to_string(score) + "% · " + history->front().finished.substr(0, 10);
      colour = score >= 90 ? "#2f6f4f" : score >= 60 ? "#8a5a00" : "#b3261e";
    }
  }
  const std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="180" height="20" role="img" aria-label="Baseline: {0}"><title>Baseline: {0}</title><rect width="62" height="20" fill="#1c2127"/><rect x="62" width="118" height="20" fill="{1}"/><g fill="#fff" font-family="DejaVu Sans,Verdana,sans-serif" font-size="11"><text x="8" y="14">Baseline</text><text x="70" y="14">{0}</text></g></svg>)",
      escape(value), colour);
  auto response = make_response(c.request, http::status::ok, "image/svg+xml", svg);
  response.set(http::field::cache_control, "max-age=300");
  return response;
}

Response standards_page(WebFront& front, const RequestContext& c) {
  std::ostringstream page;
  report::write_catalog_html(page, page_catalog(front));
  std::string body = main_content(page.str());
  // The list links each standard to its own page as well as to its place below.
  return page_response(c.request, http::status::ok, {tr("Standards"), body});
}

Response standard_page(WebFront& front, const RequestContext& c) {
  const auto& catalog = page_catalog(front);
  const auto* standard = catalog.find(c.param("id"));
  if (!standard)
    return page_error(c.request, http::status::not_found,
                      tr("There is no such standard in the list."));
  std::ostringstream article;
  report::write_standard_html(article, catalog, *standard);
  return page_response(
      c.request, http::status::ok,
      {standard->name, "<p class=\"no-print\"><a href=\"/standards\">" +
                           escape(tr("All standards")) + "</a></p>\n" + article.str()});
}

Response observatory_page(WebFront& front, const RequestContext& c) {
  const std::string wanted = form_value(c.query, "list");
  std::string body;
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<std::string> {
    // The command line's lists only: an account's lists are its own (observatory_pages.cc).
    auto owned = observatory::owned_lists(s, 0);
    if (!owned) return owned.error();
    auto lists = std::make_optional(std::vector<std::string>());
    for (const auto& l : *owned) lists->push_back(l.name);
    if (lists->empty()) return std::string();
    const std::string list = wanted.empty() ? lists->front() : wanted;
    if (std::find(lists->begin(), lists->end(), list) == lists->end()) {
      return core::make_error(core::ErrorCode::kNotFound, "unknown list");
    }
    std::string nav;
    if (lists->size() > 1) {
      nav = "<nav class=\"lists\" aria-label=\"" + escape(tr("Lists")) + "\">" +
            escape(tr("Lists:")) + " ";
      for (const auto& l : *lists) {
        nav += "<a href=\"/observatory?list=" + escape(l) + "\"" +
               (l == list ? " aria-current=\"page\"" : "") + ">" + escape(l) + "</a> ";
      }
      nav += "</nav>\n";
    }
    auto report = observatory::build_report(s, list);
    if (!report) return report.error();
    std::ostringstream page;
    observatory::write_html(page, *report, page_catalog(front));
    return nav + main_content(page.str());
  });
  if (!outcome) {
    if (outcome.error().code == core::ErrorCode::kNotFound) {
      return page_error(c.request, http::status::not_found, tr("There is no list of that name."));
    }
    throw std::runtime_error(outcome.error().message);
  }
  body = outcome->empty() ? "<h1>" + escape(tr("Observatory")) + "</h1>\n<p>" +
                                escape(tr("No list has been scanned into this store yet.")) +
                                " <code>baseline scan LIST --db …</code></p>"
                          : *outcome;
  return page_response(c.request, http::status::ok, {tr("Observatory"), body});
}

}  // namespace

void add_page_routes(RouteTable& routes, WebFront& front) {
  auto bind = [&front](Response (*f)(WebFront&, const RequestContext&)) {
    return [&front, f](const RequestContext& c) { return f(front, c); };
  };
  routes.add({http::verb::get, "/", Access::kPublic, home});
  routes.add({http::verb::post, "/test", Access::kPublic, bind(submit_form)});
  routes.add({http::verb::get, "/test/{id}.json", Access::kPublic, bind(test_json)});
  routes.add({http::verb::get, "/test/{id}", Access::kPublic, bind(test_page)});
  routes.add({http::verb::get, "/site/{domain}", Access::kPublic, bind(site_page)});
  routes.add({http::verb::get, "/badge/{domain}.svg", Access::kPublic, bind(badge)});
  routes.add({http::verb::get, "/standards", Access::kPublic, bind(standards_page)});
  routes.add({http::verb::get, "/standards/{id}", Access::kPublic, bind(standard_page)});
  routes.add({http::verb::get, "/observatory", Access::kPublic, bind(observatory_page)});
}

}  // namespace baseline::server
