// SPDX-License-Identifier: Apache-2.0
#include "notices/after_scan.h"

#include <cctype>
#include <filesystem>
#include <map>

namespace baseline::notices {
namespace {

// A list name as one path segment: letters, digits, '.', '-', '_'.
std::string segment(const std::string& text) {
  std::string out;
  for (char c : text.substr(0, 100)) {
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  }
  return out.empty() ? "_" : out;
}

}  // namespace

core::Result<AfterScanOutcome> notices_after_scan(store::Store& store,
                                                  const catalog::Catalog& catalog,
                                                  const std::string& list, std::int64_t scan,
                                                  const AfterScanSettings& s) {
  const auto started = std::chrono::steady_clock::now();
  AfterScanOutcome out;
  auto settings = store.notice_settings(list);
  if (!settings) return settings.error();
  if (!incomplete_settings(*settings).empty()) {
    out.what = "no notice settings";
    return out;
  }
  const auto directory =
      s.directory.empty()
          ? std::string()
          : (std::filesystem::path(s.directory) / segment(list) / ("scan-" + std::to_string(scan)))
                .string();
  RunOptions o;
  o.list = list;
  o.scan = scan;
  o.send = settings->enabled;
  o.overall_per_minute = s.overall_per_minute;
  o.per_domain_per_minute = s.per_domain_per_minute;
  o.now_unix = s.now_unix;
  o.sleep = s.sleep;
  std::unique_ptr<Transport> transport;
  if (o.send) {
    if (!s.transport) return core::make_error("no way to send mail was configured");
    transport = s.transport();
    o.transport = transport.get();
    o.directory = directory.empty() ? "" : directory + "/review";
    out.what = "sent";
  } else {
    if (directory.empty()) {
      out.what = "no directory for a dry run";
      return out;
    }
    o.directory = directory;
    out.what = "dry run";
  }
  auto report = run_notices(store, catalog, o);
  if (!report) return report.error();
  out.report = std::move(*report);
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return out;
}

std::string after_scan_line(const std::string& list, std::int64_t scan,
                            const AfterScanOutcome& outcome) {
  std::string line =
      "notices after scan " + std::to_string(scan) + " of " + list + ": " + outcome.what;
  if (!outcome.report) return line;
  std::map<std::string, int> counts;
  for (const auto& n : outcome.report->outcomes) ++counts[n.state];
  for (const auto& [state, count] : counts) line += ", " + state + " " + std::to_string(count);
  line += ", already told " + std::to_string(outcome.report->already_told) + ", in " +
          std::to_string(outcome.took.count()) + " ms";
  return line;
}

}  // namespace baseline::notices
