// SPDX-License-Identifier: Apache-2.0
// The decision rules of notices, as pure functions of stored facts and a clock (no I/O):
//
// Findings. A domain's finding is a standard whose verdict in the scan is `fail` and that is
// either `required` in the catalogue or was `pass` in the list's previous scan (a regression).
// `error` is never a finding (Baseline could not test it, the owner has nothing to fix).
//
// Suppression. A finding is told once: it is left out when a notice of the list (sent, or
// queued for a person to review) already told it and the standard has not passed in any scan of
// the list since (a finding that was fixed and came back is told again). A domain gets at most
// one notice per period (the list's period_days, default 30) from any list: a domain with new
// findings inside the period is skipped, and its findings wait for the next run after it.
//
// Recipient. The first mailto: Contact of the domain's security.txt (the apex's file before the
// www one's); when security.txt names only https: contacts, the notice goes to a person to
// submit by hand (review); when it names none, the list's contact for the domain, else for its
// organisation; else nobody ("no contact"). A security.txt that is hostile or unusable — a
// contact with a line break or control character, more than 16 contacts, more than 32 KiB —
// is refused as a whole, with the reason: no mail, no fallback. Never an address guessed from
// the domain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/check_result.h"
#include "store/store.h"

namespace baseline::notices {

inline constexpr std::size_t kMaxContacts = 16;
inline constexpr std::size_t kMaxSecurityTxtBytes = 32 * 1024;

struct Finding {
  std::string standard;
  bool required = false;
  bool regressed = false;
};

struct Decision {
  std::vector<Finding> findings;  // to tell now
  std::vector<Finding> told;      // failing, told before and not passed since
  bool within_period = false;     // findings to tell, but a notice went out too recently
  std::int64_t last_notice = 0;   // Unix time of that notice
  bool due() const { return !findings.empty() && !within_period; }
};

Decision decide(const catalog::Catalog& catalog, const store::DomainSummary& now,
                const store::DomainSummary* before, const store::NoticeHistory& history,
                std::int64_t now_unix, int period_days);

struct Recipient {
  enum class Source { kSecurityTxt, kList, kNone };
  Source source = Source::kNone;
  std::string address;                   // checked; empty unless mailto or a list contact
  std::vector<std::string> review_urls;  // https: contacts, for a person
  std::vector<std::string> languages;    // Preferred-Languages of that security.txt
  std::string security_txt_url;          // the file the contact came from
  std::string refusal;                   // why nothing may be sent (hostile input)
  bool review() const { return address.empty() && !review_urls.empty() && refusal.empty(); }
};

std::string_view to_string(Recipient::Source source);

Recipient find_recipient(const std::string& domain, const std::string& organisation,
                         const std::vector<core::CheckResult>& results,
                         const std::vector<store::ListContact>& contacts);

}  // namespace baseline::notices
