// SPDX-License-Identifier: Apache-2.0
#include "report/catalog_export.h"

#include <fmt/format.h>

#include "checks/registry.h"
#include "i18n/i18n.h"
#include "report/html.h"
#include "report/words.h"

namespace baseline::report {
namespace {
using catalog::Assessment;
using html::escape;
using html::prose;
using i18n::tr;
using i18n::trf;

std::string assessed_by(const catalog::Standard& s) {
  return s.assessment == Assessment::kTested ? tr("tested by Baseline") : tr("questionnaire");
}

std::string check_line(const std::string& id) {
  const auto* spec = checks::find_check(id);
  return fmt::format("{} ({}): {}", id, level_word(spec->level), tr(std::string(spec->title)));
}

// Standards grouped by IS3C domain, in the catalogue's domain order.
template <class F>
void for_each_by_domain(const catalog::Catalog& catalog, F&& f) {
  for (const auto& key : catalog.domain_order) {
    const std::string name(catalog.domain_name(key));
    std::vector<const catalog::Standard*> in_domain;
    for (const auto& s : catalog.standards) {
      if (s.domain == key) in_domain.push_back(&s);
    }
    if (!in_domain.empty()) f(name, in_domain);
  }
}

}  // namespace

void write_catalog_list(std::ostream& out, const catalog::Catalog& catalog) {
  out << trf("{title}, version {version} ({published})", fmt::arg("title", catalog.title),
             fmt::arg("version", catalog.version), fmt::arg("published", catalog.published))
      << "\n\n";
  out << fmt::format("  {:<18} {:<12} {:>6}  {:<14} {}\n", tr("ID"), tr("LEVEL"), tr("WEIGHT"),
                     tr("ASSESSED"), tr("NAME"));
  for (const auto& s : catalog.standards) {
    out << fmt::format("  {:<18} {:<12} {:>6g}  {:<14} {}\n", s.id, level_word(s.level), s.weight,
                       s.assessment == Assessment::kTested ? tr("tested") : tr("questionnaire"),
                       s.name);
  }
  out << "\n  " << tr("`baseline catalog show ID` shows a standard with its procurement clause.")
      << "\n";
}

void write_standard_text(std::ostream& out, const catalog::Catalog& catalog,
                         const catalog::Standard& s) {
  out << s.name << "  [" << s.id << "]\n"
      << "  " << tr("IS3C domain:") << " " << catalog.domain_name(s.domain) << "\n"
      << "  "
      << trf("Requirement level: {level}, weight {weight}, assessed: {assessed}",
             fmt::arg("level", level_word(s.level)), fmt::arg("weight", i18n::decimal_g(s.weight)),
             fmt::arg("assessed", assessed_by(s)))
      << "\n";
  if (!s.mandated_by.empty()) out << "  " << tr("Mandated by:") << " " << s.mandated_by << "\n";
  out << "  " << tr("Catalogue:") << " " << catalog.version << "\n\n"
      << tr("Protects against") << "\n  " << s.protects_against << "\n\n"
      << tr("Business case") << "\n  " << tr("Risk of not having it:") << " "
      << s.business_case.risk << "\n  " << tr("Cost:") << " " << s.business_case.cost << "\n  "
      << tr("Early adopters gain:") << " " << s.business_case.early_adopters << "\n\n"
      << tr("Procurement clause (paste into a tender)") << "\n  " << tr("Requirement:") << " "
      << s.procurement_clause.requirement << "\n  " << tr("Verification:") << " "
      << s.procurement_clause.verification << "\n\n"
      << tr("The four principles") << "\n  " << tr("Interoperability:") << " "
      << s.principles.interoperability << "\n  " << tr("Robust security:") << " "
      << s.principles.security << "\n  " << tr("Open and publicly available:") << " "
      << s.principles.openness << "\n  " << tr("Proven ecosystem-wide readiness:") << " "
      << s.principles.readiness << "\n\n";
  if (s.narrative) {
    out << tr("For decision makers") << "\n  " << tr("Risk:") << " " << s.narrative->risk << "\n  "
        << tr("What others do:") << " " << s.narrative->peers << "\n  " << tr("Cost:") << " "
        << s.narrative->cost << "\n  " << tr("First step:") << " " << s.narrative->first_step
        << "\n\n";
  }
  if (s.assessment == Assessment::kTested) {
    out << tr("Checks that prove it") << "\n";
    for (const auto& id : s.checks) out << "  " << check_line(id) << "\n";
    out << "\n"
        << tr("When it is not met") << "\n  " << s.failure << "\n\n"
        << tr("Technical fix") << "\n  " << s.fix << "\n\n";
  } else {
    out << tr("Questions for the supplier") << "\n";
    for (std::size_t i = 0; i < s.questions.size(); ++i) {
      out << "  " << i + 1 << ". " << s.questions[i] << "\n";
    }
    out << "\n";
  }
  out << tr("Defined by") << "\n";
  for (const auto& d : s.documents) out << "  " << d.title << "\n    " << d.url << "\n";
}

nlohmann::json catalog_to_json(const catalog::Catalog& catalog) {
  nlohmann::json standards = nlohmann::json::array();
  for (const auto& s : catalog.standards) {
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& d : s.documents) documents.push_back({{"title", d.title}, {"url", d.url}});
    nlohmann::json j = {
        {"id", s.id},
        {"name", s.name},
        {"documents", documents},
        {"domain", s.domain},
        {"principles",
         {{"interoperability", s.principles.interoperability},
          {"security", s.principles.security},
          {"openness", s.principles.openness},
          {"readiness", s.principles.readiness}}},
        {"protects_against", s.protects_against},
        {"business_case",
         {{"risk", s.business_case.risk},
          {"cost", s.business_case.cost},
          {"early_adopters", s.business_case.early_adopters}}},
        {"procurement_clause",
         {{"requirement", s.procurement_clause.requirement},
          {"verification", s.procurement_clause.verification}}},
        {"level", core::to_string(s.level)},
        {"weight", s.weight},
        {"assessment", catalog::to_string(s.assessment)},
    };
    if (s.assessment == Assessment::kTested) {
      j["checks"] = s.checks;
      j["failure"] = s.failure;
      j["fix"] = s.fix;
    } else {
      j["questions"] = s.questions;
    }
    if (s.narrative) {
      j["narrative"] = {{"risk", s.narrative->risk},
                        {"peers", s.narrative->peers},
                        {"cost", s.narrative->cost},
                        {"first_step", s.narrative->first_step},
                        {"why", s.narrative->why},
                        {"when_met", s.narrative->when_met},
                        {"when_unmet", s.narrative->when_unmet},
                        {"next_steps", s.narrative->next_steps}};
    }
    standards.push_back(std::move(j));
  }
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : catalog.categories) {
    categories.push_back({{"id", c.id}, {"name", c.name}, {"checks", c.checks}});
  }
  return {{"schema", "baseline/catalog/1"}, {"catalog_version", catalog.version},
          {"title", catalog.title},         {"published", catalog.published},
          {"domains", catalog.domains},     {"categories", categories},
          {"standards", standards}};
}

void write_catalog_markdown(std::ostream& out, const catalog::Catalog& catalog) {
  out << "# " << catalog.title << "\n\n"
      << "Catalogue version **" << catalog.version << "**, published " << catalog.published
      << ". Generated by `baseline catalog export --format md`.\n\n"
      << "| Standard | IS3C domain | Level | Weight | Assessed |\n|---|---|---|---|---|\n";
  for (const auto& s : catalog.standards) {
    out << "| [" << s.name << "](#" << s.id << ") | " << catalog.domain_name(s.domain) << " | "
        << core::to_string(s.level) << " | " << s.weight << " | " << assessed_by(s) << " |\n";
  }
  for_each_by_domain(catalog, [&](const std::string& domain_name, const auto& standards) {
    out << "\n## " << domain_name << "\n";
    for (const auto* s : standards) {
      out << "\n### <a id=\"" << s->id << "\"></a>" << s->name << "\n\n"
          << "ID `" << s->id << "` · level " << core::to_string(s->level) << " · weight "
          << s->weight << " · " << assessed_by(*s) << "\n\n"
          << "**Protects against:** " << s->protects_against << "\n\n"
          << "**Business case.** Risk: " << s->business_case.risk
          << " Cost: " << s->business_case.cost
          << " Early adopters: " << s->business_case.early_adopters << "\n\n"
          << "**Procurement clause.**\n\n> " << s->procurement_clause.requirement << "\n>\n> "
          << "*Verification:* " << s->procurement_clause.verification << "\n\n"
          << "**Principles.**\n\n- Interoperability: " << s->principles.interoperability
          << "\n- Robust security: " << s->principles.security
          << "\n- Open and publicly available: " << s->principles.openness
          << "\n- Proven ecosystem-wide readiness: " << s->principles.readiness << "\n\n";
      if (s->narrative) {
        out << "**For decision makers.** " << s->narrative->risk << " " << s->narrative->peers
            << " " << s->narrative->cost << " First step: " << s->narrative->first_step << "\n\n";
      }
      if (s->assessment == Assessment::kTested) {
        out << "**Checks:** ";
        for (std::size_t i = 0; i < s->checks.size(); ++i) {
          out << (i ? ", " : "") << "`" << s->checks[i] << "`";
        }
        out << "\n\n**When not met:** " << s->failure << "\n\n**Fix:** " << s->fix << "\n\n";
      } else {
        out << "**Questions for the supplier:**\n\n";
        for (std::size_t i = 0; i < s->questions.size(); ++i) {
          out << i + 1 << ". " << s->questions[i] << "\n";
        }
        out << "\n";
      }
      out << "**Defined by:** ";
      for (std::size_t i = 0; i < s->documents.size(); ++i) {
        out << (i ? "; " : "") << "[" << s->documents[i].title << "](" << s->documents[i].url
            << ")";
      }
      out << "\n";
    }
  });
}

void write_standard_html(std::ostream& out, const catalog::Catalog& catalog,
                         const catalog::Standard& standard) {
  const auto* s = &standard;
  (void)catalog;
  out << "<article class=\"narrative\" id=\"" << escape(s->id) << "\"><h3>" << escape(s->name)
      << "</h3>\n<p class=\"muted\">ID <code>" << escape(s->id) << "</code> · "
      << core::to_string(s->level) << " · weight " << s->weight << " · " << escape(assessed_by(*s))
      << "</p>\n"
      << "<p><span class=\"label\">Protects against:</span> " << prose(s->protects_against)
      << "</p>\n<p><span class=\"label\">Business case:</span> " << prose(s->business_case.risk)
      << " " << prose(s->business_case.cost) << " " << prose(s->business_case.early_adopters)
      << "</p>\n<div class=\"fix\"><p><span class=\"label\">Procurement clause:</span> "
      << prose(s->procurement_clause.requirement)
      << "</p><p><span class=\"label\">Verification:</span> "
      << prose(s->procurement_clause.verification) << "</p></div>\n"
      << "<p><span class=\"label\">Principles.</span> Interoperability: "
      << prose(s->principles.interoperability)
      << " Robust security: " << prose(s->principles.security)
      << " Openness: " << prose(s->principles.openness)
      << " Readiness: " << prose(s->principles.readiness) << "</p>\n";
  if (s->narrative) {
    out << "<p><span class=\"label\">For decision makers:</span> " << prose(s->narrative->risk)
        << " " << prose(s->narrative->peers) << " " << prose(s->narrative->cost)
        << " <strong>First step:</strong> " << prose(s->narrative->first_step) << "</p>\n";
  }
  if (s->assessment == Assessment::kTested) {
    out << "<p><span class=\"label\">Checks:</span> ";
    for (std::size_t i = 0; i < s->checks.size(); ++i) {
      out << (i ? ", " : "") << "<code>" << escape(s->checks[i]) << "</code>";
    }
    out << "</p>\n<p><span class=\"label\">Fix:</span> " << prose(s->fix) << "</p>\n";
  } else {
    out << "<p class=\"label\">Questions for the supplier</p><ol class=\"questions\">";
    for (const auto& q : s->questions) out << "<li>" << prose(q) << "</li>";
    out << "</ol>\n";
  }
  out << "<div class=\"refs\"><span class=\"label\">Defined by</span><ul>";
  for (const auto& d : s->documents) {
    out << "<li><a href=\"" << escape(d.url) << "\">" << escape(d.title) << "</a></li>";
  }
  out << "</ul></div></article>\n";
}

void write_catalog_html(std::ostream& out, const catalog::Catalog& catalog) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << escape(catalog.title) << " " << escape(catalog.version) << "</title>\n<style>"
      << html::stylesheet() << "</style>\n</head>\n<body>\n<main>\n"
      << "<header><h1>" << escape(catalog.title) << "</h1><dl class=\"meta\"><dt>Version</dt><dd>"
      << escape(catalog.version) << "</dd><dt>Published</dt><dd>" << escape(catalog.published)
      << "</dd></dl></header>\n"
      << "<h2>The list</h2><table><thead><tr><th>Standard</th><th>IS3C domain</th><th>Level</th>"
         "<th>Assessed</th></tr></thead><tbody>\n";
  for (const auto& s : catalog.standards) {
    out << fmt::format(
        "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>\n", escape(s.id),
        escape(s.name), escape(std::string(catalog.domain_name(s.domain))),
        core::to_string(s.level), assessed_by(s));
  }
  out << "</tbody></table>\n";
  for_each_by_domain(catalog, [&](const std::string& domain_name, const auto& standards) {
    out << "<h2>" << escape(domain_name) << "</h2>\n";
    for (const auto* s : standards) {
      write_standard_html(out, catalog, *s);
    }
  });
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace baseline::report
