// SPDX-License-Identifier: Apache-2.0
#include "observatory/exports.h"

#include <cstdio>

namespace baseline::observatory {

namespace {

nlohmann::json adoption_json(const std::map<std::string, Adoption>& items) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, a] : items) {
    auto percent = a.percent();
    out[id] = {{"adopted", a.adopted},
               {"counted", a.counted},
               {"percent", percent ? nlohmann::json(*percent) : nlohmann::json()}};
  }
  return out;
}

nlohmann::json changes_json(const std::vector<Change>& changes) {
  auto out = nlohmann::json::array();
  for (const auto& c : changes) {
    out.push_back(
        {{"domain", c.domain}, {"standard", c.standard}, {"before", c.before}, {"after", c.after}});
  }
  return out;
}

std::string percent_text(const Adoption& a) {
  auto p = a.percent();
  if (!p) return "";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f", *p);
  return text;
}

void adoption_rows(std::ostream& out, const ScanAdoption& s, const std::string& group,
                   const std::string& value, const std::string& kind,
                   const std::map<std::string, Adoption>& items) {
  for (const auto& [id, a] : items) {
    out << s.scan.id << ',' << csv_field(s.scan.started) << ',' << csv_field(group) << ','
        << csv_field(value) << ',' << kind << ',' << csv_field(id) << ',' << a.adopted << ','
        << a.counted << ',' << percent_text(a) << "\r\n";
  }
}

}  // namespace

std::string csv_field(const std::string& text) {
  // Quote when needed; a leading formula character is neutralised for spreadsheets.
  const bool formula =
      !text.empty() && std::string_view("=+-@").find(text.front()) != std::string_view::npos;
  if (text.find_first_of(",\"\r\n") == std::string::npos && !formula) return text;
  std::string out = "\"";
  if (formula) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

nlohmann::json to_json(const ObservatoryReport& report) {
  nlohmann::json scans = nlohmann::json::array();
  for (const auto& s : report.scans) {
    nlohmann::json tags = nlohmann::json::object();
    for (const auto& [kind, values] : s.by_tag) {
      for (const auto& [value, standards] : values) tags[kind][value] = adoption_json(standards);
    }
    scans.push_back(
        {{"scan", s.scan.id},
         {"started", s.scan.started},
         {"finished", s.scan.finished.empty() ? nlohmann::json() : nlohmann::json(s.scan.finished)},
         {"tool_version", s.scan.tool_version},
         {"catalog_version", s.scan.catalog_version},
         {"domains", s.domains},
         {"domains_in_scan", s.scan.domains},
         {"mean_score", s.mean_score ? nlohmann::json(*s.mean_score) : nlohmann::json()},
         {"standards", adoption_json(s.standards)},
         {"checks", adoption_json(s.checks)},
         {"by_tag", tags}});
  }
  nlohmann::json out{{"schema", "baseline/observatory/1"}, {"list", report.list}, {"scans", scans}};
  if (report.comparison) {
    out["comparison"] = {{"before_scan", report.comparison->before_scan},
                         {"after_scan", report.comparison->after_scan},
                         {"improved", changes_json(report.comparison->improved)},
                         {"regressed", changes_json(report.comparison->regressed)}};
  }
  return out;
}

void write_adoption_csv(std::ostream& out, const ObservatoryReport& report) {
  out << "scan,started,group,group_value,kind,id,adopted,counted,percent\r\n";
  for (const auto& s : report.scans) {
    adoption_rows(out, s, "all", "", "standard", s.standards);
    adoption_rows(out, s, "all", "", "check", s.checks);
    for (const auto& [kind, values] : s.by_tag) {
      for (const auto& [value, standards] : values) {
        adoption_rows(out, s, kind, value, "standard", standards);
      }
    }
  }
}

void write_changes_csv(std::ostream& out, const ObservatoryReport& report) {
  out << "before_scan,after_scan,domain,standard,before,after,change\r\n";
  if (!report.comparison) return;
  const auto& c = *report.comparison;
  for (const auto* list : {&c.improved, &c.regressed}) {
    const char* change = list == &c.improved ? "improved" : "regressed";
    for (const auto& item : *list) {
      out << c.before_scan << ',' << c.after_scan << ',' << csv_field(item.domain) << ','
          << csv_field(item.standard) << ',' << item.before << ',' << item.after << ',' << change
          << "\r\n";
    }
  }
}

}  // namespace baseline::observatory
