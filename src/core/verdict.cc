// SPDX-License-Identifier: Apache-2.0
#include "core/verdict.h"

namespace baseline::core {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kInfo:
      return "info";
    case Verdict::kNotApplicable:
      return "not_applicable";
    case Verdict::kWarn:
      return "warn";
    case Verdict::kFail:
      return "fail";
    case Verdict::kError:
      return "error";
  }
  return "error";
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::kRequired:
      return "required";
    case Level::kRecommended:
      return "recommended";
    case Level::kOptional:
      return "optional";
  }
  return "optional";
}

std::optional<Verdict> verdict_from_string(std::string_view text) {
  for (Verdict v : {Verdict::kPass, Verdict::kInfo, Verdict::kNotApplicable, Verdict::kWarn,
                    Verdict::kFail, Verdict::kError}) {
    if (to_string(v) == text) return v;
  }
  return std::nullopt;
}

int severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::kNotApplicable:
      return 0;
    case Verdict::kInfo:
      return 1;
    case Verdict::kPass:
      return 2;
    case Verdict::kWarn:
      return 3;
    case Verdict::kFail:
      return 4;
    case Verdict::kError:
      return 5;
  }
  return 5;
}

Verdict worst(Verdict a, Verdict b) {
  return severity(a) >= severity(b) ? a : b;
}

}  // namespace baseline::core
