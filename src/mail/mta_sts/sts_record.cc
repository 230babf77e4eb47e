// SPDX-License-Identifier: Apache-2.0
#include "mail/mta_sts/sts_record.h"

#include "mail/mta_sts/sts_syntax.h"
#include "i18n/finding.h"

namespace baseline::mail::mta_sts {
namespace {

constexpr std::string_view kVersion = "v=STSv1";

bool is_wsp(char c) {
  return c == ' ' || c == '\t';
}

// sts-ext-value: printable ASCII except '=', ';' and space.
bool is_ext_value_char(char c) {
  return c >= 0x21 && c <= 0x7e && c != '=' && c != ';';
}

void skip_wsp(std::string_view text, std::size_t& at) {
  while (at < text.size() && is_wsp(text[at])) ++at;
}

}  // namespace

bool is_sts_record(std::string_view text) {
  while (!text.empty() && is_wsp(text.front())) text.remove_prefix(1);
  if (!text.starts_with(kVersion)) return false;
  return text.size() == kVersion.size() || text[kVersion.size()] == ';' ||
         is_wsp(text[kVersion.size()]);
}

core::Result<TxtRecord> parse_txt_record(std::string_view text) {
  // Blanks around the whole record are tolerated; inside it the grammar is followed exactly.
  while (!text.empty() && is_wsp(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_wsp(text.back())) text.remove_suffix(1);
  if (!text.starts_with(kVersion))
    return core::make_error(i18n::finding("the record does not start with v=STSv1"));
  TxtRecord record;
  bool has_id = false;
  std::size_t at = kVersion.size();
  while (true) {
    skip_wsp(text, at);
    if (at == text.size()) break;
    if (text[at] != ';') {
      return core::make_error(i18n::finding("expected ';' at offset {offset} of the record", fmt::arg("offset", at)));
    }
    ++at;
    skip_wsp(text, at);
    if (at == text.size()) break;  // a final ';' is allowed
    const std::size_t equals = text.find('=', at);
    if (equals == std::string_view::npos) {
      return core::make_error(i18n::finding("field '{field}' has no '='", fmt::arg("field", text.substr(at))));
    }
    const std::string_view name = text.substr(at, equals - at);
    std::size_t end = equals + 1;
    while (end < text.size() && is_ext_value_char(text[end])) ++end;
    const std::string_view value = text.substr(equals + 1, end - equals - 1);
    if (!is_field_name(name))
      return core::make_error(i18n::finding("invalid field name '{field}'", fmt::arg("field", name)));
    if (value.empty())
      return core::make_error(i18n::finding("field '{field}' has an empty or invalid value", fmt::arg("field", name)));
    if (name == "id") {
      if (has_id) return core::make_error(i18n::finding("more than one id field"));
      if (value.size() > 32 || !is_alnum(value)) {
        return core::make_error(i18n::finding("id '{value}' is not 1 to 32 letters and digits", fmt::arg("value", value)));
      }
      record.id = std::string(value);
      has_id = true;
    } else {
      record.extensions.emplace_back(name, value);
    }
    at = end;
  }
  if (!has_id) return core::make_error(i18n::finding("the required id field is missing"));
  return record;
}

}  // namespace baseline::mail::mta_sts
