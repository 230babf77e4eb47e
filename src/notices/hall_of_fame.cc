// SPDX-License-Identifier: Apache-2.0
#include "notices/hall_of_fame.h"

#include <algorithm>

namespace baseline::notices {

Standing standing(const catalog::Catalog& catalog,
                  const std::vector<store::StandardVerdict>& standards) {
  bool passed = false;
  for (const auto& s : standards) {
    const auto* standard = catalog.find(s.standard);
    if (!standard || standard->level != core::Level::kRequired) continue;
    if (s.verdict == "fail" || s.verdict == "error") return Standing::kFails;
    passed = passed || s.verdict == "pass";
  }
  return passed ? Standing::kMeets : Standing::kUnjudged;
}

core::Result<HallOfFame> hall_of_fame(store::Store& store, const catalog::Catalog& catalog,
                                      const std::string& list) {
  auto optouts = store.hall_of_fame_optouts();
  if (!optouts) return optouts.error();
  std::vector<std::string> names;
  if (list.empty()) {
    auto all = store.lists();
    if (!all) return all.error();
    names = *all;
  } else {
    names.push_back(list);
  }
  HallOfFame out;
  // domain -> per list: member (with since) or not
  struct Latest {
    bool member = false;
    std::string since, confirmed;
    std::int64_t scan = 0;
  };
  std::map<std::string, std::vector<Latest>> across;
  for (const auto& name : names) {
    auto scans = store.scans(name);
    if (!scans) return scans.error();
    std::map<std::string, HallEntry> members;
    std::map<std::string, HallDrop> dropped;
    for (const auto& scan : *scans) {
      if (scan.finished.empty()) continue;
      auto domains = store.domains(scan.id);
      if (!domains) return domains.error();
      for (const auto& d : *domains) {
        if (optouts->count(d.domain)) continue;
        const auto date = d.tested.substr(0, 10);
        switch (standing(catalog, d.standards)) {
          case Standing::kMeets:
            if (auto it = members.find(d.domain); it != members.end()) {
              it->second.confirmed = date;
              it->second.scan = scan.id;
            } else {
              members[d.domain] = {d.domain, date, date, scan.id};
              dropped.erase(d.domain);
            }
            break;
          case Standing::kFails:
            if (auto it = members.find(d.domain); it != members.end()) {
              dropped[d.domain] = {d.domain, it->second.since, date, scan.id};
              members.erase(it);
            }
            break;
          case Standing::kUnjudged:
            break;
        }
      }
    }
    auto& hall = out.lists[name];
    for (auto& [domain, entry] : members) {
      hall.members.push_back(entry);
      across[domain].push_back({true, entry.since, entry.confirmed, entry.scan});
    }
    for (auto& [domain, drop] : dropped) {
      hall.dropped.push_back(drop);
      across[domain].push_back({false, "", drop.dropped, drop.scan});
    }
  }
  for (const auto& [domain, states] : across) {
    HallEntry entry{domain, "", "", 0};
    bool everywhere = true;
    for (const auto& s : states) {
      everywhere = everywhere && s.member;
      entry.since = std::max(entry.since, s.since);
      if (s.confirmed >= entry.confirmed) entry.scan = s.scan;
      entry.confirmed = std::max(entry.confirmed, s.confirmed);
    }
    if (everywhere) out.overall.push_back(entry);
  }
  return out;
}

}  // namespace baseline::notices
