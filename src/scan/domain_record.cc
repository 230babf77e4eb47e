// SPDX-License-Identifier: Apache-2.0
#include "scan/domain_record.h"

#include <ctime>

#include "catalog/scoring.h"

namespace baseline::scan {

namespace {

std::string iso_time(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

store::DomainRecord make_record(engine::DomainReport report, const catalog::Catalog& catalog) {
  const auto card = catalog::score_domain(catalog, report.results, report.domain.ascii(), nullptr,
                                          catalog::day_of(report.started));
  store::DomainRecord record;
  record.domain = report.domain.ascii();
  record.tested = iso_time(report.started);
  record.duration_ms = report.duration.count();
  record.score = card.score;
  for (const auto& s : card.standards) {
    record.standards.push_back({s.standard->id, std::string(catalog::to_string(s.verdict))});
  }
  record.results = std::move(report.results);
  return record;
}

}  // namespace baseline::scan
