// SPDX-License-Identifier: Apache-2.0
#include "mail/spf/spf_record.h"

#include <algorithm>
#include <cctype>

#include "core/parse_number.h"
#include "i18n/finding.h"

namespace baseline::mail::spf {
namespace {
using core::make_error;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
bool is_toplabel(std::string_view label) {
  if (label.empty()) return false;
  if (std::all_of(label.begin(), label.end(), is_alnum)) {
    return std::any_of(label.begin(), label.end(), is_alpha);
  }
  return is_alnum(label.front()) && is_alnum(label.back()) &&
         std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

// Parses "/N" with N in [0, max] and no leading zero (ABNF ip4-cidr-length / ip6-cidr-length).
std::optional<int> cidr_value(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), is_digit)) {
    return std::nullopt;
  }
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
  const auto value = core::parse_decimal<int>(digits);
  if (!value || *value > max) return std::nullopt;
  return value;
}

// domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
std::optional<std::string> domain_spec_problem(std::string_view spec) {
  if (spec.empty()) return i18n::finding("empty domain-spec");
  if (auto problem = macro_string_problem(spec, false)) return problem;
  if (spec.back() == '}') return std::nullopt;  // ends in a macro-expand
  std::string_view body = spec;
  if (body.back() == '.') body.remove_suffix(1);
  auto dot = body.rfind('.');
  if (dot == std::string_view::npos)
    return i18n::finding("domain-spec '{spec}' has no top label", fmt::arg("spec", spec));
  auto top = body.substr(dot + 1);
  if (!is_toplabel(top)) {
    return i18n::finding("domain-spec '{spec}' ends in '{label}', not a valid top label",
                         fmt::arg("spec", spec), fmt::arg("label", top));
  }
  return std::nullopt;
}

// Splits "example.com/24//64" into the domain-spec and the dual-cidr-length, which can only be a
// suffix: a '/' followed by anything but digits belongs to the domain-spec (a macro-literal).
core::Result<std::string> split_dual_cidr(std::string_view argument, int& ip4, int& ip6) {
  auto trailing_number = [](std::string_view text) {
    std::size_t n = 0;
    while (n < text.size() && is_digit(text[text.size() - 1 - n])) ++n;
    return n;
  };
  std::string_view rest = argument;
  // "//N" at the very end: the IPv6 length.
  if (std::size_t n = trailing_number(rest);
      n > 0 && rest.size() >= n + 2 && rest.substr(rest.size() - n - 2, 2) == "//") {
    auto v6 = cidr_value(rest.substr(rest.size() - n), 128);
    if (!v6)
      return make_error(
          i18n::finding("bad IPv6 CIDR length in '{term}'", fmt::arg("term", argument)));
    ip6 = *v6;
    rest.remove_suffix(n + 2);
  }
  // "/N" before it (or at the end): the IPv4 length.
  if (std::size_t n = trailing_number(rest);
      n > 0 && rest.size() >= n + 1 && rest[rest.size() - n - 1] == '/') {
    auto v4 = cidr_value(rest.substr(rest.size() - n), 32);
    if (!v4)
      return make_error(
          i18n::finding("bad IPv4 CIDR length in '{term}'", fmt::arg("term", argument)));
    ip4 = *v4;
    rest.remove_suffix(n + 1);
  }
  if (!rest.empty() && rest.back() == '/') {
    return make_error(i18n::finding("bad CIDR length in '{term}'", fmt::arg("term", argument)));
  }
  return std::string(rest);
}

core::Result<Mechanism> parse_mechanism(std::string_view term) {
  Mechanism m;
  m.text = std::string(term);
  switch (term.empty() ? '\0' : term.front()) {
    case '+':
      m.qualifier = Qualifier::kPass;
      term.remove_prefix(1);
      break;
    case '-':
      m.qualifier = Qualifier::kFail;
      term.remove_prefix(1);
      break;
    case '~':
      m.qualifier = Qualifier::kSoftFail;
      term.remove_prefix(1);
      break;
    case '?':
      m.qualifier = Qualifier::kNeutral;
      term.remove_prefix(1);
      break;
    default:
      break;
  }
  auto colon = term.find(':');
  auto slash = term.find('/');
  auto name_end = std::min(colon, slash);
  const std::string name = lower(term.substr(0, name_end));
  std::string_view argument = name_end == std::string_view::npos ? "" : term.substr(name_end);
  const bool has_colon = colon != std::string_view::npos && colon == name_end;
  std::string_view after_colon = has_colon ? argument.substr(1) : std::string_view{};

  auto need_domain = [&](MechanismKind kind) -> core::Result<Mechanism> {
    m.kind = kind;
    if (!has_colon || (!argument.empty() && argument.front() == '/')) {
      return make_error(i18n::finding("'{term}' needs ':' and a domain", fmt::arg("term", m.text)));
    }
    if (auto problem = domain_spec_problem(after_colon)) return make_error(*problem);
    m.domain_spec = std::string(after_colon);
    return m;
  };
  auto optional_domain_cidr = [&](MechanismKind kind) -> core::Result<Mechanism> {
    m.kind = kind;
    std::string_view rest = has_colon ? after_colon : argument;
    if (has_colon && rest.empty())
      return make_error(i18n::finding("'{term}' has ':' but no domain", fmt::arg("term", m.text)));
    auto spec = split_dual_cidr(rest, m.ip4_prefix, m.ip6_prefix);
    if (!spec) return spec.error();
    if (has_colon) {
      if (auto problem = domain_spec_problem(*spec)) return make_error(*problem);
      m.domain_spec = *spec;
    } else if (!spec->empty()) {
      return make_error(i18n::finding("unexpected '{text}' in '{term}'", fmt::arg("text", *spec),
                                      fmt::arg("term", m.text)));
    }
    return m;
  };

  if (name == "all") {
    if (!argument.empty())
      return make_error(
          i18n::finding("'all' takes no argument: '{term}'", fmt::arg("term", m.text)));
    m.kind = MechanismKind::kAll;
    return m;
  }
  if (name == "include") return need_domain(MechanismKind::kInclude);
  if (name == "exists") return need_domain(MechanismKind::kExists);
  if (name == "a") return optional_domain_cidr(MechanismKind::kA);
  if (name == "mx") return optional_domain_cidr(MechanismKind::kMx);
  if (name == "ptr") {
    m.kind = MechanismKind::kPtr;
    if (argument.empty()) return m;
    if (!has_colon)
      return make_error(i18n::finding("unexpected '{text}' after ptr", fmt::arg("text", argument)));
    if (auto problem = domain_spec_problem(after_colon)) return make_error(*problem);
    m.domain_spec = std::string(after_colon);
    return m;
  }
  if (name == "ip4" || name == "ip6") {
    const bool v4 = name == "ip4";
    m.kind = v4 ? MechanismKind::kIp4 : MechanismKind::kIp6;
    if (!has_colon)
      return make_error(
          i18n::finding("'{term}' needs ':' and an address", fmt::arg("term", m.text)));
    std::string_view value = after_colon;
    auto cut = value.find('/');
    std::string_view address_text = value.substr(0, cut);
    if (cut != std::string_view::npos) {
      auto prefix = cidr_value(value.substr(cut + 1), v4 ? 32 : 128);
      if (!prefix)
        return make_error(i18n::finding("bad CIDR length in '{term}'", fmt::arg("term", m.text)));
      (v4 ? m.ip4_prefix : m.ip6_prefix) = *prefix;
    }
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(std::string(address_text), ec);
    if (ec || address.is_v4() != v4 ||
        (v4 && std::count(address_text.begin(), address_text.end(), '.') != 3)) {
      return make_error(i18n::finding("'{text}' is not an {family} address",
                                      fmt::arg("text", address_text),
                                      fmt::arg("family", v4 ? "IPv4" : "IPv6")));
    }
    m.network = address;
    return m;
  }
  return make_error(i18n::finding("unknown mechanism '{term}'", fmt::arg("term", m.text)));
}

}  // namespace

std::string_view to_string(MechanismKind kind) {
  switch (kind) {
    case MechanismKind::kAll:
      return "all";
    case MechanismKind::kInclude:
      return "include";
    case MechanismKind::kA:
      return "a";
    case MechanismKind::kMx:
      return "mx";
    case MechanismKind::kPtr:
      return "ptr";
    case MechanismKind::kIp4:
      return "ip4";
    case MechanismKind::kIp6:
      return "ip6";
    case MechanismKind::kExists:
      return "exists";
  }
  return "all";
}

bool queries_dns(MechanismKind kind) {
  return kind == MechanismKind::kInclude || kind == MechanismKind::kA ||
         kind == MechanismKind::kMx || kind == MechanismKind::kPtr ||
         kind == MechanismKind::kExists;
}

bool is_spf_record(std::string_view text) {
  if (text.size() < 6 || lower(text.substr(0, 6)) != "v=spf1") return false;
  return text.size() == 6 || text[6] == ' ';
}

std::optional<std::string> macro_string_problem(std::string_view text, bool explanation) {
  const std::string_view letters = explanation ? "slodiphcrtv" : "slodiphv";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 1 >= text.size()) return i18n::finding("'%' at the end of a macro-string");
      const char next = text[i + 1];
      if (next == '%' || next == '_' || next == '-') {
        ++i;
        continue;
      }
      if (next != '{')
        return i18n::finding("'%{letter}' is not a macro",
                             fmt::arg("letter", std::string(1, next)));
      auto close = text.find('}', i + 2);
      if (close == std::string_view::npos) return i18n::finding("unterminated macro");
      std::string_view body = text.substr(i + 2, close - i - 2);
      if (body.empty() ||
          letters.find(static_cast<char>(std::tolower(static_cast<unsigned char>(body[0])))) ==
              std::string_view::npos) {
        return i18n::finding("unknown macro letter in '{macro}'",
                             fmt::arg("macro", "%{" + std::string(body) + "}"));
      }
      std::size_t j = 1;
      while (j < body.size() && is_digit(body[j])) ++j;
      // §7.3: a DIGIT transformer, when given, must be at least one.
      if (j > 1 && std::all_of(body.begin() + 1, body.begin() + static_cast<long>(j),
                               [](char d) { return d == '0'; })) {
        return i18n::finding("macro '{macro}' keeps zero parts",
                             fmt::arg("macro", "%{" + std::string(body) + "}"));
      }
      if (j < body.size() && (body[j] == 'r' || body[j] == 'R')) ++j;
      for (; j < body.size(); ++j) {
        if (std::string_view(".-+,/_=").find(body[j]) == std::string_view::npos) {
          return i18n::finding("bad transformer or delimiter in '{macro}'",
                               fmt::arg("macro", "%{" + std::string(body) + "}"));
        }
      }
      i = close;
      continue;
    }
    // macro-literal = %x21-24 / %x26-7E (visible ASCII but '%'); explanations also allow spaces.
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x21 || u > 0x7e) && !(explanation && u == ' ')) {
      return i18n::finding("character 0x{code:02x} is not allowed in a macro-string",
                           fmt::arg("code", static_cast<unsigned>(u)));
    }
  }
  return std::nullopt;
}

core::Result<Record> parse_record(std::string_view text) {
  if (!is_spf_record(text)) return make_error(i18n::finding("not an SPF version 1 record"));
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e)
      return make_error(i18n::finding("the record has a non-ASCII or control character"));
  }
  Record record;
  std::size_t pos = 6;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;  // 1*SP between terms, *SP at the end
    if (pos >= text.size()) break;
    auto end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view term = text.substr(pos, end - pos);
    pos = end;

    // A modifier is name "=" …, where name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
    auto eq = term.find('=');
    auto colon_or_slash = term.find_first_of(":/");
    bool modifier =
        eq != std::string_view::npos && eq < colon_or_slash && eq > 0 && is_alpha(term[0]) &&
        std::all_of(term.begin(), term.begin() + static_cast<long>(eq),
                    [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
    if (modifier) {
      const std::string name = lower(term.substr(0, eq));
      std::string_view value = term.substr(eq + 1);
      if (name == "redirect" || name == "exp") {
        auto& slot = name == "redirect" ? record.redirect : record.explanation;
        if (slot)
          return make_error(
              i18n::finding("'{name}=' appears more than once", fmt::arg("name", name)));
        if (auto problem = domain_spec_problem(value)) return make_error(*problem);
        slot = std::string(value);
      } else {
        if (auto problem = macro_string_problem(value, false)) return make_error(*problem);
        record.unknown_modifiers.emplace_back(term);
      }
      continue;
    }
    auto mechanism = parse_mechanism(term);
    if (!mechanism) return mechanism.error();
    record.mechanisms.push_back(std::move(mechanism).value());
  }
  return record;
}

}  // namespace baseline::mail::spf
