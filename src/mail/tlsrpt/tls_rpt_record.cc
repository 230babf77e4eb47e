// SPDX-License-Identifier: Apache-2.0
#include "mail/tlsrpt/tls_rpt_record.h"

#include "i18n/finding.h"
#include "mail/tag_list.h"

namespace baseline::mail::tlsrpt {

bool is_tls_rpt_record(std::string_view text) {
  std::string t = trim(text);
  return t.starts_with("v=TLSRPTv1") && (t.size() == 10 || t[10] == ';' || t[10] == ' ');
}

core::Result<Record> parse_record(std::string_view text) {
  if (!is_tls_rpt_record(text))
    return core::make_error(i18n::finding("the record does not start with v=TLSRPTv1"));
  auto tags = parse_tag_list(text);
  if (!tags) return tags.error();
  Record record;
  bool has_rua = false;
  for (const auto& [tag, value] : *tags) {
    if (tag != "rua") continue;
    has_rua = true;
    std::size_t start = 0;
    while (start <= value.size()) {
      auto comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string uri = trim(value.substr(start, comma - start));
      const std::string scheme = lowercase(uri.substr(0, uri.find(':') + 1));
      if (scheme != "mailto:" && scheme != "https:") {
        return core::make_error(
            i18n::finding("rua '{uri}' is neither mailto: nor https:", fmt::arg("uri", uri)));
      }
      if (uri.size() <= scheme.size() + 2 ||
          (scheme == "mailto:" && uri.find('@') == std::string::npos)) {
        return core::make_error(i18n::finding("rua '{uri}' has no address", fmt::arg("uri", uri)));
      }
      record.report_uris.push_back(uri);
      start = comma + 1;
      if (comma == value.size()) break;
    }
  }
  if (!has_rua) return core::make_error(i18n::finding("the required rua= tag is missing"));
  return record;
}

}  // namespace baseline::mail::tlsrpt
