// SPDX-License-Identifier: Apache-2.0
#include "core/domain_name.h"

#include <idn2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

#include "core/limits.h"

namespace baseline::core {
namespace {

struct IdnFree {
  void operator()(char* p) const { idn2_free(p); }
};
using IdnString = std::unique_ptr<char, IdnFree>;

bool is_ldh(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
}

std::vector<std::string_view> split_labels(std::string_view name) {
  std::vector<std::string_view> labels;
  std::size_t start = 0;
  while (start <= name.size() && !name.empty()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    labels.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  return labels;
}

std::optional<std::string> check_lengths(std::string_view ascii) {
  if (ascii.size() > kMaxDomainNameLength) {
    return "longer than " + std::to_string(kMaxDomainNameLength) + " characters";
  }
  for (auto label : split_labels(ascii)) {
    if (label.empty()) return std::string("empty label");
    if (label.size() > kMaxLabelLength) {
      return "label '" + std::string(label.substr(0, 20)) + "…' longer than 63 characters";
    }
  }
  return std::nullopt;
}

}  // namespace

Result<DomainName> DomainName::parse(std::string_view input) {
  std::string text(input);
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text.empty()) return make_error("empty domain name");
  if (text.size() > 4 * kMaxDomainNameLength) return make_error("domain name too long");

  bool ascii_only = std::all_of(text.begin(), text.end(),
                                [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string ascii;
  if (ascii_only) {
    ascii = text;
    std::transform(ascii.begin(), ascii.end(), ascii.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  } else {
    char* out = nullptr;
    int rc = idn2_to_ascii_8z(text.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
    IdnString holder(out);
    if (rc != IDN2_OK) {
      return make_error(std::string("not a valid internationalised domain name: ") +
                        idn2_strerror(rc));
    }
    ascii = out;
  }

  if (auto problem = check_lengths(ascii)) return make_error(*problem);
  auto labels = split_labels(ascii);
  if (labels.size() < 2) return make_error("a domain name needs at least two labels");
  for (auto label : labels) {
    if (!std::all_of(label.begin(), label.end(), is_ldh)) {
      return make_error("label '" + std::string(label) +
                        "' has a character other than letters, digits and hyphens");
    }
    if (label.front() == '-' || label.back() == '-') {
      return make_error("label '" + std::string(label) + "' starts or ends with a hyphen");
    }
    if (label.size() >= 4 && label.substr(2, 2) == "--" && label.substr(0, 4) != "xn--") {
      return make_error("label '" + std::string(label) + "' has hyphens in positions 3 and 4");
    }
    if (label.substr(0, 4) == "xn--") {
      // An A-label must decode to a valid U-label.
      char* out = nullptr;
      std::string one(label);
      int rc = idn2_to_unicode_8z8z(one.c_str(), &out, 0);
      IdnString holder(out);
      if (rc != IDN2_OK) {
        return make_error("label '" + one + "' is not valid punycode: " + idn2_strerror(rc));
      }
      // The U-label must itself be valid IDNA2008 and map back to the same A-label.
      char* again = nullptr;
      rc = idn2_to_ascii_8z(out, &again, IDN2_NONTRANSITIONAL);
      IdnString again_holder(again);
      if (rc != IDN2_OK || again == nullptr || one != again) {
        return make_error("label '" + one + "' is not a valid IDNA2008 A-label" +
                          (rc != IDN2_OK ? std::string(": ") + idn2_strerror(rc) : ""));
      }
    }
  }
  const auto top = labels.back();
  if (std::all_of(top.begin(), top.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return make_error("top-level label '" + std::string(top) +
                      "' is numeric (an IP address is not a domain name)");
  }
  return DomainName(std::move(ascii));
}

Result<DomainName> DomainName::from_dns(std::string_view ascii) {
  std::string text(ascii);
  if (!text.empty() && text.back() == '.') text.pop_back();
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text.empty()) return DomainName(std::string());
  if (auto problem = check_lengths(text)) return make_error(*problem);
  return DomainName(std::move(text));
}

std::string DomainName::unicode() const {
  char* out = nullptr;
  int rc = idn2_to_unicode_8z8z(ascii_.c_str(), &out, 0);
  IdnString holder(out);
  if (rc != IDN2_OK || out == nullptr) return ascii_;
  return out;
}

std::vector<std::string_view> DomainName::labels() const {
  return split_labels(ascii_);
}

DomainName DomainName::parent() const {
  auto dot = ascii_.find('.');
  if (dot == std::string::npos) return DomainName(std::string());
  return DomainName(ascii_.substr(dot + 1));
}

DomainName DomainName::prefixed(std::string_view label) const {
  std::string name(label);
  if (!ascii_.empty()) name += "." + ascii_;
  return DomainName(std::move(name));
}

bool DomainName::is_subdomain_of(const DomainName& other) const {
  if (other.ascii_.empty()) return true;
  if (ascii_ == other.ascii_) return true;
  return ascii_.size() > other.ascii_.size() && ascii_.ends_with("." + other.ascii_);
}

}  // namespace baseline::core
