// SPDX-License-Identifier: Apache-2.0
#include "notices/digest.h"

#include <algorithm>
#include <map>

#include "i18n/i18n.h"
#include "report/html.h"

namespace baseline::notices {

using i18n::tr;
using i18n::trf;
using report::html::escape;

namespace {

constexpr std::size_t kMaxListName = 200;
constexpr std::size_t kMaxDomain = 253;

// Outside text on one line: a list name's line breaks become spaces, whatever else it holds.
std::string one_line(const std::string& text, std::size_t limit) {
  auto out = clean_text(text, limit);
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + one_line(item, 100);
  return out;
}

struct Section {
  std::string text, html;
};

Section section(const std::string& title, const std::vector<DigestContent::DomainChange>& changes) {
  Section s;
  s.text = title + " (" + std::to_string(changes.size()) + "):\n";
  s.html = "<h2>" + escape(title) + " (" + std::to_string(changes.size()) + ")</h2>\n";
  if (changes.empty()) {
    s.text += "  " + std::string(tr("none")) + "\n\n";
    s.html += "<p>" + escape(tr("None.")) + "</p>\n";
    return s;
  }
  s.html += "<ul>\n";
  const auto shown = std::min(changes.size(), kDigestDomainsShown);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto domain = one_line(changes[i].domain, kMaxDomain);
    const auto standards = joined(changes[i].standards);
    s.text += "  - " + domain + (standards.empty() ? "" : ": " + standards) + "\n";
    s.html += "<li><strong>" + escape(domain) + "</strong>" +
              (standards.empty() ? "" : ": " + escape(standards)) + "</li>\n";
  }
  if (changes.size() > shown) {
    const auto more =
        trf("and {count} more in the report", fmt::arg("count", changes.size() - shown));
    s.text += "  " + more + "\n";
    s.html += "<li>" + escape(more) + "</li>\n";
  }
  s.text += "\n";
  s.html += "</ul>\n";
  return s;
}

}  // namespace

void add_changes(DigestContent& content, const observatory::ScanReport& report) {
  std::map<std::string, std::vector<std::string>> improved, regressed;
  for (const auto& c : report.comparison.improved) improved[c.domain].push_back(c.standard);
  for (const auto& c : report.comparison.regressed) regressed[c.domain].push_back(c.standard);
  content.domains = static_cast<int>(report.rows.size());
  content.unchanged = report.unchanged;
  content.added = report.added;
  for (const auto& row : report.rows) {
    const auto& name = row.domain.domain;
    if (row.change == "regressed") content.regressed.push_back({name, regressed[name]});
    if (row.change == "improved") content.improved.push_back({name, improved[name]});
  }
}

std::string digest_subject(const DigestContent& c) {
  return trf("Baseline digest: {list}, scan of {date}: {regressed} regressed, {improved} improved",
             fmt::arg("list", one_line(c.list, kMaxListName)),
             fmt::arg("date", one_line(c.scan_date, 32)), fmt::arg("regressed", c.regressed.size()),
             fmt::arg("improved", c.improved.size()));
}

core::Result<ComposedMessage> compose_digest(const DigestContent& c, std::int64_t now_unix,
                                             const std::string& unique) {
  if (!safe_url(c.report_url) || !safe_url(c.account_url)) {
    return core::make_error("the report or account URL is not safe to write");
  }
  if (c.recipient.empty()) return core::make_error("a digest needs a recipient");
  const auto list = one_line(c.list, kMaxListName);
  const auto date = one_line(c.scan_date, 32);
  const auto subject = digest_subject(c);
  std::string t, h;
  h = "<!DOCTYPE html>\n<html lang=\"" + escape(i18n::language()) +
      "\"><head><meta charset=\"utf-8\"><title>" + escape(subject) +
      "</title></head>\n<body style=\"font-family:sans-serif;max-width:40em\">\n";
  const auto intro = trf("Scan #{scan} of your list \"{list}\" finished on {date}.",
                         fmt::arg("scan", c.scan), fmt::arg("list", list), fmt::arg("date", date));
  t += intro + "\n\n";
  h += "<p>" + escape(intro) + "</p>\n";
  if (c.compared_with > 0) {
    const auto counts =
        trf("Compared with scan #{scan}: {regressed} regressed, {improved} improved, {unchanged} "
            "unchanged, {added} new, of {domains} domains.",
            fmt::arg("scan", c.compared_with), fmt::arg("regressed", c.regressed.size()),
            fmt::arg("improved", c.improved.size()), fmt::arg("unchanged", c.unchanged),
            fmt::arg("added", c.added), fmt::arg("domains", c.domains));
    t += counts + "\n\n";
    h += "<p id=counts>" + escape(counts) + "</p>\n";
    for (const auto& s :
         {section(tr("Regressed"), c.regressed), section(tr("Improved"), c.improved)}) {
      t += s.text;
      h += s.html;
    }
  } else {
    const auto first =
        trf("This is the list's first scan ({domains} domains): the next digest compares with it.",
            fmt::arg("domains", c.domains));
    t += first + "\n\n";
    h += "<p>" + escape(first) + "</p>\n";
  }
  t += std::string(tr("The report:")) + "\n" + c.report_url + "\n\n";
  h += "<p>" + escape(tr("The report:")) + " <a href=\"" + escape(c.report_url) + "\">" +
       escape(c.report_url) + "</a></p>\n";
  const std::string optout =
      tr("You receive this digest as the list's owner. To receive no more, untick "
         "the digest on your account's page:");
  t += optout + "\n" + c.account_url + "\n";
  h += "<p><small>" + escape(optout) + " <a href=\"" + escape(c.account_url) + "\">" +
       escape(c.account_url) + "</a></small></p>\n</body></html>\n";
  MailHeaders headers;
  headers.from = c.sender;
  headers.from_name = c.sender_name.empty() ? std::string("Baseline") : c.sender_name;
  headers.to = c.recipient;
  headers.subject = subject;
  headers.kind = "digest";
  return compose_alternative(headers, t, h, now_unix, unique);
}

}  // namespace baseline::notices
