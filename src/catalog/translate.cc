// SPDX-License-Identifier: Apache-2.0
#include "catalog/translate.h"

#include "i18n/i18n.h"

namespace baseline::catalog {

void translate(Catalog& catalog) {
  using i18n::tr;
  const auto in_place = [](std::string& text) {
    if (!text.empty()) text = tr(text);
  };
  in_place(catalog.title);
  for (auto& [key, name] : catalog.domains) in_place(name);
  for (auto& category : catalog.categories) in_place(category.name);
  for (auto& s : catalog.standards) {
    in_place(s.name);
    in_place(s.failure);
    in_place(s.mandated_by);
    in_place(s.protects_against);
    in_place(s.fix);
    in_place(s.business_case.risk);
    in_place(s.business_case.cost);
    in_place(s.business_case.early_adopters);
    in_place(s.procurement_clause.requirement);
    in_place(s.procurement_clause.verification);
    in_place(s.principles.interoperability);
    in_place(s.principles.security);
    in_place(s.principles.openness);
    in_place(s.principles.readiness);
    for (auto& question : s.questions) in_place(question);
    if (s.narrative) {
      auto& n = *s.narrative;
      for (auto* text :
           {&n.risk, &n.peers, &n.cost, &n.first_step, &n.why, &n.when_met, &n.when_unmet}) {
        in_place(*text);
      }
      for (auto& step : n.next_steps) in_place(step);
    }
  }
  in_place(catalog.profile_title);
}

}  // namespace baseline::catalog
