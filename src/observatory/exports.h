// SPDX-License-Identifier: Apache-2.0
// Machine-readable forms of an observatory report: JSON (schema baseline/observatory/1) and CSV
// (one row per scan × group × standard or check, for spreadsheets and R/pandas).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "observatory/adoption.h"

namespace baseline::observatory {

nlohmann::json to_json(const ObservatoryReport& report);

// Columns: scan,started,group,group_value,kind,id,adopted,counted,percent
// group is "all" (group_value empty) or a tag kind; kind is "standard" or "check".
void write_adoption_csv(std::ostream& out, const ObservatoryReport& report);
// Columns: before_scan,after_scan,domain,standard,before,after,change
void write_changes_csv(std::ostream& out, const ObservatoryReport& report);

// A CSV field, quoted when it must be (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace baseline::observatory
