// SPDX-License-Identifier: Apache-2.0
// The hall of fame, as data: per list and overall, the domains that meet every required standard
// (of the catalogue) that their latest test could judge — at least one of them passed, none
// failed or ended in error — with the date of the test that earned it (the first of the current
// unbroken run of such tests), and the domains that dropped out, with the date of the test that
// failed. Domains that asked to be left out (hall_of_fame_optouts) appear nowhere.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "store/store.h"

namespace baseline::notices {

struct HallEntry {
  std::string domain;
  std::string since;      // YYYY-MM-DD of the test that earned the place
  std::string confirmed;  // YYYY-MM-DD of the latest test that kept it
  std::int64_t scan = 0;  // the scan of that test: its permalink is /scan/{scan}/{domain}
};

struct HallDrop {
  std::string domain;
  std::string since;      // when it had entered
  std::string dropped;    // YYYY-MM-DD of the test that failed
  std::int64_t scan = 0;  // the scan of that test
};

struct ListHall {
  std::vector<HallEntry> members;  // by domain
  std::vector<HallDrop> dropped;   // by domain: not a member again since
};

struct HallOfFame {
  std::map<std::string, ListHall> lists;
  // Domains that are members in every list whose latest test judged them; `since` is the latest
  // of their lists' dates (from then on they met everything everywhere).
  std::vector<HallEntry> overall;
};

// pass: meets; fail: does not; none: the test judged no required standard.
enum class Standing { kMeets, kFails, kUnjudged };
Standing standing(const catalog::Catalog& catalog,
                  const std::vector<store::StandardVerdict>& standards);

// `list` empty: every list.
core::Result<HallOfFame> hall_of_fame(store::Store& store, const catalog::Catalog& catalog,
                                      const std::string& list);

}  // namespace baseline::notices
