// SPDX-License-Identifier: Apache-2.0
// DomainName: a validated domain name as users type it, normalised to lowercase A-labels.
// Construction is the only way in, so code holding a DomainName can trust its syntax.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace baseline::core {

class DomainName {
 public:
  // Accepts ASCII or Unicode (IDNA2008, non-transitional, via libidn2), an optional trailing dot,
  // and rejects what cannot be a registrable host name: empty or over-long labels, non-LDH
  // characters, leading/trailing hyphens, bad punycode, an all-numeric top label (an IP address),
  // and single-label names.
  static Result<DomainName> parse(std::string_view input);

  // A name built from trusted parts (e.g. records from DNS); only length rules are enforced,
  // underscores are allowed (service labels such as _dmarc or _443._tcp).
  static Result<DomainName> from_dns(std::string_view ascii);

  const std::string& ascii() const { return ascii_; }
  std::string unicode() const;  // for display; falls back to ascii() on conversion failure
  std::vector<std::string_view> labels() const;
  std::size_t label_count() const { return labels().size(); }

  // The name with its first label removed; the root ("") has no parent.
  DomainName parent() const;
  bool is_root() const { return ascii_.empty(); }
  // "label.<this>", e.g. prefixed("_dmarc"). The label is taken as given (no IDNA).
  DomainName prefixed(std::string_view label) const;
  bool is_subdomain_of(const DomainName& other) const;  // true for equal names too

  friend bool operator==(const DomainName&, const DomainName&) = default;
  // clang-tidy 14 reads the defaulted <=>'s comparison with literal 0 as a null pointer.
  // NOLINTNEXTLINE(modernize-use-nullptr)
  friend auto operator<=>(const DomainName&, const DomainName&) = default;

 private:
  explicit DomainName(std::string ascii) : ascii_(std::move(ascii)) {}
  std::string ascii_;
};

}  // namespace baseline::core
