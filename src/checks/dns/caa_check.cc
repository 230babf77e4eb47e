#include "checks/dns/caa_check.h"

#include <algorithm>
#include <cctype>

#include "core/limits.h"
#include "dns/types.h"

namespace baseline::checks::dns_family {
namespace asio = boost::asio;
using core::Verdict;

namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_wsp(char c) { return c == ' ' || c == '\t'; }

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void skip_wsp(std::string_view text, std::size_t& i) {
  while (i < text.size() && is_wsp(text[i])) ++i;
}

// label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)); also the grammar of a parameter tag.
bool read_label(std::string_view text, std::size_t& i) {
  if (i >= text.size() || !is_alnum(text[i])) return false;
  ++i;
  for (;;) {
    std::size_t j = i;
    while (j < text.size() && text[j] == '-') ++j;
    if (j < text.size() && is_alnum(text[j])) {
      i = j + 1;
      continue;
    }
    return true;  // trailing hyphens are not consumed, so they fail the caller's next expectation
  }
}

bool read_parameter(std::string_view text, std::size_t& i) {
  if (!read_label(text, i)) return false;
  skip_wsp(text, i);
  if (i >= text.size() || text[i] != '=') return false;
  ++i;
  skip_wsp(text, i);
  // value = *(%x21-3A / %x3C-7E)
  while (i < text.size() && text[i] >= 0x21 && text[i] <= 0x7e && text[i] != ';') ++i;
  return true;
}

}  // namespace

bool is_valid_issue_value(std::string_view value) {
  std::size_t i = 0;
  skip_wsp(value, i);
  if (i < value.size() && value[i] != ';') {
    do {
      if (!read_label(value, i)) return false;
    } while (i < value.size() && value[i] == '.' && ++i);
    skip_wsp(value, i);
  }
  if (i == value.size()) return true;
  if (value[i] != ';') return false;
  ++i;
  skip_wsp(value, i);
  while (i < value.size()) {
    if (!read_parameter(value, i)) return false;
    skip_wsp(value, i);
    if (i == value.size()) break;
    if (value[i] != ';') return false;
    ++i;
    skip_wsp(value, i);
  }
  return true;
}

std::vector<std::string> caa_record_problems(const dns::CaaData& record) {
  std::vector<std::string> problems;
  const std::string tag = lower(record.tag);
  if (tag.empty() || tag.size() > 15 || !std::all_of(tag.begin(), tag.end(), is_alnum)) {
    problems.push_back("tag '" + record.tag + "' is not 1-15 letters and digits");
    return problems;
  }
  if (tag == "issue" || tag == "issuewild") {
    if (!is_valid_issue_value(record.value)) {
      problems.push_back(tag + " value \"" + record.value +
                         "\" is not a valid issuer domain name with parameters (RFC 8659 §4.2)");
    }
  } else if (tag == "iodef") {
    const std::string url = lower(record.value);
    if (!url.starts_with("mailto:") && !url.starts_with("https://")) {
      problems.push_back("iodef \"" + record.value + "\" is not a mailto: or https: URL");
    } else if (url.size() <= (url.starts_with("mailto:") ? 7u : 8u)) {
      problems.push_back("iodef \"" + record.value + "\" has no address");
    }
  } else if (record.critical() && tag != "issuemail" && tag != "contactemail" &&
             tag != "contactphone") {
    problems.push_back("unknown tag '" + tag +
                       "' is marked critical: certificate authorities will refuse to issue");
  }
  return problems;
}

asio::awaitable<core::CheckResult> check_caa(const CheckContext& context, const ZoneFacts& facts) {
  // RFC 8659 §3: the relevant RRset is that of the closest name, climbing from the domain.
  auto name = core::DomainName::from_dns(facts.canonical);
  if (!name.ok()) {
    co_return make_result("dns.caa", facts.domain, Verdict::kError, name.error().message);
  }
  core::DomainName current = *name;
  for (int climbed = 0; !current.is_root() && climbed < core::kMaxCaaClimb; ++climbed) {
    auto answer = co_await context.resolver.lookup(current.ascii(), dns::rr_type::kCaa,
                                                   {.validate = false});
    if (!answer.ok() || (answer->rcode != dns::rcode::kNoError &&
                         answer->rcode != dns::rcode::kNxDomain)) {
      std::string why = answer.ok() ? dns::rcode_name(answer->rcode) : answer.error().message;
      co_return make_result("dns.caa", facts.domain, Verdict::kError,
                            "CAA lookup for " + current.ascii() + " failed: " + why);
    }
    auto records = answer->records(dns::rr_type::kCaa);
    if (records.empty()) {
      current = current.parent();
      continue;
    }
    bool has_issue = false;
    std::vector<std::string> problems;
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& rr : records) {
      auto caa = dns::parse_caa(rr);
      if (!caa.ok()) {
        problems.push_back("malformed CAA record: " + caa.error().message);
        continue;
      }
      listed.push_back({{"flags", caa->flags}, {"tag", caa->tag}, {"value", caa->value}});
      auto found = caa_record_problems(*caa);
      problems.insert(problems.end(), found.begin(), found.end());
      if (found.empty() && lower(caa->tag) == "issue") has_issue = true;
    }
    if (!has_issue) problems.push_back("no valid 'issue' property: any CA may issue certificates");
    std::string summary;
    for (const auto& p : problems) summary += (summary.empty() ? "" : "; ") + p;
    const Verdict verdict = problems.empty() ? Verdict::kPass : Verdict::kWarn;
    if (verdict == Verdict::kPass) {
      summary = std::to_string(records.size()) + " CAA records at " + current.ascii() +
                " restrict issuance";
    }
    auto result = make_result("dns.caa", facts.domain, verdict, summary);
    result.details = {{"found_at", current.ascii()}, {"records", listed}};
    co_return result;
  }
  auto result = make_result("dns.caa", facts.domain, Verdict::kWarn,
                            "no CAA record: any certificate authority may issue certificates");
  result.details = {{"found_at", nullptr}};
  co_return result;
}

}  // namespace baseline::checks::dns_family
