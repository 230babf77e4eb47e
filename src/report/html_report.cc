// SPDX-License-Identifier: Apache-2.0
#include "report/html_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/narrative.h"
#include "checks/registry.h"
#include "core/version.h"
#include "i18n/finding.h"
#include "i18n/i18n.h"
#include "report/html.h"
#include "report/standard_status.h"
#include "report/words.h"

namespace baseline::report {
namespace {
using html::escape;
using html::prose;
using i18n::N_;
using i18n::tr;
using i18n::trf;

std::string_view verdict_word(core::Verdict verdict) {
  switch (verdict) {
    case core::Verdict::kPass:
      return tr("pass");
    case core::Verdict::kWarn:
      return tr("warn");
    case core::Verdict::kFail:
      return tr("fail");
    case core::Verdict::kInfo:
      return tr("info");
    case core::Verdict::kNotApplicable:
      return tr("not_applicable");
    case core::Verdict::kError:
      return tr("error");
  }
  return "?";
}

std::string badge(const catalog::StandardResult& s) {
  return fmt::format(R"(<span class="badge {}">{}</span>)", status_key(shown_status(s)),
                     escape(status_label(s)));
}

std::string day_and_time(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC",
                     std::chrono::time_point_cast<std::chrono::seconds>(t));
}

std::string check_title(const std::string& id) {
  const auto* spec = checks::find_check(id);
  return spec != nullptr ? tr(std::string(spec->title)) : id;
}

std::string family_names(const std::vector<std::string>& families) {
  static const std::map<std::string, const char*> names = {{"dns", N_("DNS and the domain")},
                                                           {"web", N_("website")},
                                                           {"mail", N_("mail")},
                                                           {"routing", N_("routing (RPKI)")}};
  std::string out;
  for (std::size_t i = 0; i < families.size(); ++i) {
    if (i > 0) out += i + 1 == families.size() ? std::string(" ") + tr("and") + " " : ", ";
    auto it = names.find(families[i]);
    out += it != names.end() ? tr(it->second) : families[i];
  }
  return out;
}

// "; not in this run: website, mail and routing (RPKI)" for the families without results.
std::string untested_families_note(const std::vector<std::string>& tested) {
  std::vector<std::string> missing;
  for (auto family : {checks::Family::kDns, checks::Family::kWeb, checks::Family::kMail,
                      checks::Family::kRouting}) {
    const std::string name(checks::to_string(family));
    if (std::find(tested.begin(), tested.end(), name) == tested.end()) missing.push_back(name);
  }
  if (missing.empty()) return "";
  return ". " +
         escape(trf("Not in this run: {families}", fmt::arg("families", family_names(missing))));
}

void write_references(std::ostream& out, const catalog::Standard& s) {
  out << R"(<div class="refs"><span class="label">)" << escape(tr("References")) << "</span><ul>";
  for (const auto& d : s.documents) {
    out << fmt::format(R"(<li><a href="{}">{}</a></li>)", escape(d.url), escape(d.title));
  }
  out << "</ul></div>\n";
}

// One card per standard that is not met: plain meaning, why it matters, what to demand, the fix.
void write_unmet_card(std::ostream& out, const catalog::StandardResult& s,
                      const engine::DomainReport& report) {
  const auto& st = *s.standard;
  out << fmt::format(R"(<article class="card {}" id="std-{}">)", status_key(shown_status(s)),
                     escape(st.id))
      << "<h3>" << escape(st.name) << badge(s) << "</h3>\n";
  if (s.explanation != nullptr) {
    out << R"(<p class="explanation"><span class="label">)"
        << escape(trf("The organisation's explanation, valid until {date}:",
                      fmt::arg("date", catalog::format_date(s.explanation->until))))
        << "</span> " << escape(s.explanation->text) << "</p>\n";
  } else if (s.expired_explanation != nullptr) {
    out << R"(<p class="explanation"><span class="label">)"
        << escape(trf("An explanation was recorded but expired on {date}:",
                      fmt::arg("date", catalog::format_date(s.expired_explanation->until))))
        << "</span> " << escape(s.expired_explanation->text) << "</p>\n";
  }
  if (s.verdict == catalog::StandardVerdict::kError) {
    out << "<p><span class=\"label\">" << escape(tr("What this means:")) << "</span> "
        << escape(tr("Baseline could not complete the test of this standard, so it cannot be "
                     "counted as met."))
        << " " << prose(st.failure) << "</p>\n";
  } else {
    out << "<p><span class=\"label\">" << escape(tr("What this means:")) << "</span> "
        << prose(st.failure) << "</p>\n";
  }
  out << "<p><span class=\"label\">" << escape(tr("Why it matters:")) << "</span> "
      << prose(st.protects_against) << " " << prose(st.business_case.risk) << "</p>\n";
  out << "<p><span class=\"label\">" << escape(tr("What to require:")) << "</span> "
      << prose(st.procurement_clause.requirement) << "</p>\n";
  out << R"(<div class="fix"><span class="label">)"
      << escape(tr("Technical fix, for the operator:")) << "</span> " << prose(st.fix) << "\n<ul>";
  std::vector<std::string> shown = s.failed_checks;
  shown.insert(shown.end(), s.error_checks.begin(), s.error_checks.end());
  for (const auto& id : shown) {
    for (const auto& r : report.results) {
      if (r.id != id || r.verdict == core::Verdict::kPass) continue;
      // TRANSLATORS: "CHECK VERDICT on TARGET", as in "web.hsts fail on 192.0.2.1:443".
      out << fmt::format("<li><code>{}</code> {} {} <code>{}</code>: {}</li>", escape(id),
                         escape(verdict_word(r.verdict)), escape(tr("on")), escape(r.target),
                         escape(i18n::translate_finding(r.summary)));
    }
  }
  out << "</ul></div>\n";
  write_references(out, st);
  out << "</article>\n";
}

void write_narratives(std::ostream& out, const ScoredDomain& d, const std::string& domain,
                      const std::string& tested_on) {
  // Only the standards this run tested: a page per untested standard would bury the others.
  auto pages = catalog::decision_maker_pages(d.card, d.report.results, domain, tested_on);
  std::erase_if(pages, [](const catalog::NarrativePage& page) { return !page.tested; });
  if (pages.empty()) return;
  out << R"(<div class="narrative-pages"><h2>)"
      << escape(tr("Why this matters to your organisation")) << "</h2><p class=\"note\">"
      << escape(trf("For decision makers: what these standards protect, and what the test of "
                    "{domain} found.",
                    fmt::arg("domain", domain)))
      << "</p>\n";
  for (const auto& page : pages) {
    out << fmt::format(R"(<section class="narrative" id="why-{}">)", escape(page.standard_id))
        << "<h3>" << escape(page.title) << "</h3>\n"
        << "<p class=\"finding\">" << escape(page.finding) << "</p>\n";
    for (const auto& p : page.paragraphs) out << "<p>" << prose(p) << "</p>\n";
    if (!page.evidence.empty()) {
      out << "<p class=\"label\">" << escape(tr("What the test saw")) << "</p><ul>";
      for (const auto& e : page.evidence) out << "<li>" << escape(e) << "</li>";
      out << "</ul>\n";
    }
    if (!page.next_steps.empty()) {
      out << "<p class=\"label\">" << escape(tr("Next steps")) << "</p><ol>";
      for (const auto& step : page.next_steps) out << "<li>" << prose(step) << "</li>";
      out << "</ol>\n";
    }
    out << "</section>\n";
  }
  out << "</div>\n";
}

}  // namespace

void write_html_section(std::ostream& out, const ScoredDomain& d, const catalog::Catalog& catalog,
                        const HtmlReportOptions& options) {
  const auto& report = d.report;
  const auto& card = d.card;
  const std::string domain = report.domain.unicode();
  const std::string tested_on = catalog::format_date(catalog::day_of(report.started));
  const auto families = families_tested(report);
  std::set<std::string> targets;
  std::set<std::string> check_ids;
  for (const auto& r : report.results) {
    targets.insert(r.target);
    check_ids.insert(r.id);
  }

  out << fmt::format(R"(<section class="domain" id="domain-{}">)", escape(report.domain.ascii()))
      << "\n<header><h1>" << escape(tr("Internet security standards:"))
      << " <span class=\"domain-name\">" << escape(domain) << "</span></h1>\n<dl class=\"meta\">"
      << "<dt>" << escape(tr("Tested")) << "</dt><dd>" << day_and_time(report.started) << " "
      << escape(trf("(took {seconds} s)",
                    fmt::arg("seconds", i18n::decimal(report.duration.count() / 1000.0, 1))))
      << "</dd>"
      << "<dt>" << escape(tr("Catalogue")) << "</dt><dd>" << escape(catalog.title) << ", "
      << escape(tr("version")) << " <strong>" << escape(catalog.version) << "</strong> ("
      << escape(tr("published")) << " " << escape(catalog.published) << ")</dd>"
      << (catalog.profile.empty()
              ? std::string()
              : "<dt>" + escape(tr("Profile")) + "</dt><dd>" + escape(catalog.profile_title) +
                    " (<code>" + escape(catalog.profile) + "</code>, " + escape(tr("version")) +
                    " " + escape(catalog.profile_version) + ")</dd>")
      << (catalog.tls_guideline_label.empty() ? std::string()
                                              : "<dt>" + escape(tr("TLS graded by")) + "</dt><dd>" +
                                                    escape(catalog.tls_guideline_label) + "</dd>")
      << "<dt>" << escape(tr("What was tested")) << "</dt><dd>"
      << (families.empty()
              ? escape(tr("nothing"))
              : escape(trf("{families} checks: {checks} checks on {targets} targets (domain, "
                           "hosts and addresses)",
                           fmt::arg("families", family_names(families)),
                           fmt::arg("checks", check_ids.size()),
                           fmt::arg("targets", targets.size()))))
      << untested_families_note(families) << "</dd>"
      << "<dt>" << escape(tr("Explanations")) << "</dt><dd>"
      << (options.explanations_source.empty()
              ? escape(tr("none recorded"))
              : escape(trf("from {source}", fmt::arg("source", options.explanations_source))))
      << "</dd>"
      << "<dt>" << escape(tr("Tool")) << "</dt><dd>Baseline " << escape(core::kToolVersion)
      << "</dd></dl></header>\n";

  // At a glance: the score, and every tested standard with its status and what it protects.
  int counted = 0;
  int met = 0;
  for (const auto& s : card.standards) {
    if (!s.counts_in_score) continue;
    ++counted;
    met += s.met() ? 1 : 0;
  }
  out << R"(<div class="glance"><div class="score">)";
  if (card.score) {
    out << "<span class=\"score-number\">" << *card.score
        << "</span><span class=\"score-of\">/100</span>"
        << "<p>"
        << escape(trf("Meets {met} of the {counted} required standards that were tested",
                      fmt::arg("met", met), fmt::arg("counted", counted)))
        << "</p>";
  } else {
    out << "<span class=\"score-number\">–</span><p>"
        << escape(tr("No score: no required standard was tested")) << "</p>";
  }
  int untested = 0;
  int to_ask = 0;
  for (const auto& s : card.standards) {
    if (shown_status(s) != ShownStatus::kNotTested) continue;
    ++(s.standard->assessment == catalog::Assessment::kQuestionnaire ? to_ask : untested);
  }
  if (untested > 0 || to_ask > 0) {
    out << "<p>"
        << escape(
               trf("{untested} standards not tested in this run; {ask} to ask the supplier about",
                   fmt::arg("untested", untested), fmt::arg("ask", to_ask)))
        << "</p>";
  }
  out << "</div>\n<ul class=\"glance-list\">";
  for (const auto& s : card.standards) {
    if (shown_status(s) == ShownStatus::kNotTested) continue;
    out << "<li data-standard=\"" << escape(s.standard->id) << "\" data-verdict=\""
        << catalog::to_string(s.verdict) << "\">" << badge(s) << "<span><a href=\"#std-"
        << escape(s.standard->id) << "\"><strong>" << escape(s.standard->name) << "</strong></a>"
        << (s.standard->level == core::Level::kRequired
                ? ""
                : " <span class=\"muted\">(" + escape(tr("recommended")) + ")</span>")
        << "<br><span class=\"muted\">" << escape(tr("Protects against:")) << " "
        << prose(s.standard->protects_against) << "</span></span></li>\n";
  }
  out << "</ul></div>\n";

  // Failures first: each with the plain meaning, the clause to demand and the operator's fix.
  std::vector<const catalog::StandardResult*> unmet;
  std::vector<const catalog::StandardResult*> passed;
  std::vector<const catalog::StandardResult*> not_tested;
  std::vector<const catalog::StandardResult*> questionnaire;
  std::vector<const catalog::StandardResult*> not_applicable;
  for (const auto& s : card.standards) {
    switch (shown_status(s)) {
      case ShownStatus::kUnmet:
      case ShownStatus::kExplained:
      case ShownStatus::kCouldNotTest:
        unmet.push_back(&s);
        break;
      case ShownStatus::kMet:
        passed.push_back(&s);
        break;
      case ShownStatus::kNotApplicable:
        not_applicable.push_back(&s);
        break;
      case ShownStatus::kNotTested:
        (s.standard->assessment == catalog::Assessment::kQuestionnaire ? questionnaire : not_tested)
            .push_back(&s);
        break;
    }
  }
  out << "<h2>" << escape(tr("Standards not met")) << "</h2>\n";
  if (unmet.empty()) out << "<p>" << escape(tr("None: every tested standard is met.")) << "</p>\n";
  for (const auto* s : unmet) write_unmet_card(out, *s, report);

  out << "<h2>" << escape(tr("Standards met")) << "</h2>\n";
  if (passed.empty()) {
    out << "<p>" << escape(tr("None of the tested standards is met.")) << "</p>\n";
  } else {
    out << "<table><thead><tr><th>" << escape(tr("Standard")) << "</th><th>"
        << escape(tr("What it protects against")) << "</th><th>" << escape(tr("Notes"))
        << "</th></tr></thead><tbody>\n";
    for (const auto* s : passed) {
      out << fmt::format(R"(<tr id="std-{}"><td>{} {}</td><td>{}</td><td>)",
                         escape(s->standard->id), badge(*s), escape(s->standard->name),
                         prose(s->standard->protects_against));
      for (const auto& id : s->warning_checks) {
        out << escape(tr("Warning:")) << " " << escape(check_title(id)) << " (<code>" << escape(id)
            << "</code>)<br>";
      }
      if (!s->untested_checks.empty()) {
        out << escape(tr("Judged on the checks that ran; not tested in this run:")) << " ";
        for (std::size_t i = 0; i < s->untested_checks.size(); ++i) {
          out << (i ? ", " : "") << "<code>" << escape(s->untested_checks[i]) << "</code>";
        }
      }
      out << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  if (!not_applicable.empty()) {
    out << "<p class=\"note\">" << escape(tr("Does not apply to this domain:")) << " ";
    for (std::size_t i = 0; i < not_applicable.size(); ++i) {
      out << (i ? ", " : "") << "<span id=\"std-" << escape(not_applicable[i]->standard->id)
          << "\">" << escape(not_applicable[i]->standard->name) << "</span>";
    }
    out << ".</p>\n";
  }

  write_narratives(out, d, domain, tested_on);

  out << "<h2>" << escape(tr("Not tested in this run")) << "</h2>\n";
  if (not_tested.empty()) {
    out << "<p>" << escape(tr("Every standard that Baseline can test was tested.")) << "</p>\n";
  } else {
    out << "<p class=\"note\">"
        << escape(tr("These standards are left out of the score; this report says nothing about "
                     "them."))
        << "</p><ul>\n";
    for (const auto* s : not_tested) {
      out << "<li id=\"std-" << escape(s->standard->id) << "\"><strong>"
          << escape(s->standard->name) << "</strong>: " << escape(not_tested_reason(*s))
          << ".</li>\n";
    }
    out << "</ul>\n";
  }

  if (!questionnaire.empty()) {
    out << "<h2>" << escape(tr("Ask the supplier")) << "</h2>\n<p class=\"note\">"
        << escape(tr("These standards cannot be tested from outside. Put these questions to the "
                     "supplier and ask for evidence."))
        << "</p>\n";
    for (const auto* s : questionnaire) {
      out << "<h3 id=\"std-" << escape(s->standard->id) << "\">" << escape(s->standard->name)
          << "</h3><ol class=\"questions\">";
      for (const auto& q : s->standard->questions) out << "<li>" << prose(q) << "</li>";
      out << "</ol>\n";
    }
  }

  out << "<h2>" << escape(tr("Internet.nl-compatible categories")) << "</h2>\n";
  if (card.categories.empty()) {
    out << "<p>" << escape(tr("No category was tested completely in this run.")) << "</p>\n";
  } else {
    out << "<table><thead><tr><th>" << escape(tr("Category")) << "</th><th>" << escape(tr("Score"))
        << "</th><th>" << escape(tr("Required checks passed")) << "</th></tr></thead><tbody>";
    for (const auto& c : card.categories) {
      out << fmt::format("<tr><td>{}</td><td>{}%</td><td>{}</td></tr>", escape(c.category->name),
                         c.percent(),
                         escape(trf("{passed} of {counted}", fmt::arg("passed", c.passed),
                                    fmt::arg("counted", c.counted))));
    }
    out << "</tbody></table>\n";
  }

  out << "<h2>" << escape(tr("Technical details, for the operator")) << "</h2>\n"
      << "<table class=\"checks\"><thead><tr><th>" << escape(tr("Check")) << "</th><th>"
      << escape(tr("Target")) << "</th><th>" << escape(tr("Verdict")) << "</th><th>"
      << escape(tr("Finding")) << "</th></tr></thead><tbody>\n";
  for (const auto& spec : checks::all_checks()) {
    for (const auto& r : report.results) {
      if (r.id != spec.id) continue;
      const auto verdict = std::string(core::to_string(r.verdict));
      out << fmt::format(
          "<tr><td><code>{}</code><br><span class=\"muted\">{} "
          "({})</span></td><td><code>{}</code></td>"
          "<td class=\"verdict-{}\">{}</td><td>{}</td></tr>\n",
          escape(r.id), escape(tr(std::string(spec.title))), escape(level_word(spec.level)),
          escape(r.target), verdict, escape(verdict_word(r.verdict)), escape(i18n::translate_finding(r.summary)));
    }
  }
  out << "</tbody></table>\n";

  out << "<footer><p><strong>" << escape(tr("How to read this report.")) << "</strong> "
      << escape(tr("A standard is met when all of its required checks pass (a warning is shown, "
                   "but still passes). The score is the weighted share of the catalogue's "
                   "required standards that were tested and met; standards not tested in this "
                   "run are left out of it, and an explanation does not change it. Each "
                   "standard's procurement clause:"))
      << " <code>baseline catalog show ID</code>.</p>"
      << "<p>"
      << escape(trf("Generated {time} by Baseline {version} with catalogue {catalog}.",
                    fmt::arg("time", day_and_time(options.generated)),
                    fmt::arg("version", core::kToolVersion), fmt::arg("catalog", catalog.version)))
      << "</p></footer>\n</section>\n";
}

void write_html(std::ostream& out, const std::vector<ScoredDomain>& domains,
                const catalog::Catalog& catalog, const HtmlReportOptions& options) {
  std::string title = tr("Baseline report");
  for (std::size_t i = 0; i < domains.size(); ++i) {
    title += (i == 0 ? ": " : ", ") + domains[i].report.domain.unicode();
  }
  out << "<!DOCTYPE html>\n<html lang=\"" << escape(i18n::language())
      << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"Baseline " << escape(core::kToolVersion) << "\">\n"
      << "<title>" << escape(title) << "</title>\n<style>" << html::stylesheet()
      << "</style>\n</head>\n<body>\n<main>\n";
  for (const auto& d : domains) write_html_section(out, d, catalog, options);
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace baseline::report
