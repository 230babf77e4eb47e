// SPDX-License-Identifier: Apache-2.0
#include "notices/run.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "i18n/i18n.h"
#include "notices/address.h"
#include "notices/bounce_address.h"
#include "notices/decision.h"
#include "notices/language.h"
#include "notices/message.h"

namespace baseline::notices {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxEvidence = 5;

std::string day(const std::string& iso) {
  return iso.substr(0, 10);
}

bool write_file(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  return static_cast<bool>(out.flush());
}

// A file name from a domain: letters, digits, dots and hyphens only (it is a checked A-label).
std::string file_safe(const std::string& text) {
  std::string out;
  for (char c : text)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return out.substr(0, 200);
}

std::string why_this_address(const Recipient& r, const std::string& organisation,
                             const std::string& language) {
  if (r.source == Recipient::Source::kSecurityTxt) {
    return trf(language,
               i18n::N_("We write to this address because it is the Contact in {url} (RFC 9116)."),
               fmt::arg("url", r.security_txt_url));
  }
  if (r.source == Recipient::Source::kList) {
    return trf(language,
               i18n::N_("We write to this address because the list we test holds it as the "
                        "contact for {organisation}. A security.txt Contact would take its place."),
               fmt::arg("organisation", organisation.empty() ? tr(language, i18n::N_("this domain"))
                                                             : organisation));
  }
  return "";
}

struct Pending {
  NoticeOutcome outcome;
  std::string data;  // the message
  std::string from;
  std::string domain_of_recipient;
};

}  // namespace

std::string incomplete_settings(const store::NoticeSettings& s) {
  std::string missing;
  if (s.sender.empty() || !check_address(s.sender)) missing += " --sender ADDRESS";
  if (s.base_url.empty() || !safe_url(s.base_url)) missing += " --base-url URL";
  if (s.mandate.empty()) missing += " --mandate TEXT";
  return missing;
}

core::Result<RunReport> run_notices(store::Store& store, const catalog::Catalog& catalog,
                                    const RunOptions& o) {
  auto settings = store.notice_settings(o.list);
  if (!settings) return settings.error();
  if (auto missing = incomplete_settings(*settings); !missing.empty()) {
    return core::make_error("the notice settings of list '" + o.list +
                            "' are incomplete: set them with `baseline notices settings --list " +
                            o.list + missing + "`");
  }
  if (o.send && !settings->enabled) {
    return core::make_error("notices of list '" + o.list +
                            "' are off: the list's owner turns them on with `baseline notices "
                            "settings --list " +
                            o.list + " --enable` (a dry run works without)");
  }
  if (o.send && !o.transport) return core::make_error("no way to send mail was given");
  auto scans = store.scans(o.list);
  if (!scans) return scans.error();
  const store::ScanInfo* current = nullptr;
  const store::ScanInfo* previous = nullptr;
  for (const auto& s : *scans) {
    if (s.finished.empty()) continue;
    if (o.scan ? s.id == *o.scan : true) current = &s;
  }
  if (!current) {
    return core::make_error(o.scan ? "no finished scan " + std::to_string(*o.scan) + " of list '" +
                                         o.list + "'"
                                   : "list '" + o.list + "' has no finished scan yet");
  }
  for (const auto& s : *scans) {
    if (!s.finished.empty() && s.id < current->id) previous = &s;
  }
  auto domains = store.domains(current->id);
  if (!domains) return domains.error();
  std::map<std::string, store::DomainSummary> before;
  if (previous) {
    auto old = store.domains(previous->id);
    if (!old) return old.error();
    for (auto& d : *old) before.emplace(d.domain, std::move(d));
  }
  auto history = store.notice_history(o.list);
  if (!history) return history.error();
  auto contacts = store.contacts(o.list);
  if (!contacts) return contacts.error();

  RunReport report;
  report.list = o.list;
  report.scan = current->id;
  if (previous) report.previous_scan = previous->id;
  report.send = o.send;
  report.list_opted_in = settings->enabled;
  report.domains = domains->size();
  const auto now = o.now_unix();
  if (!o.directory.empty()) {
    std::error_code ec;
    fs::create_directories(o.directory, ec);
    if (ec) return core::make_error("cannot create " + o.directory + ": " + ec.message());
  }

  std::vector<Pending> pending;
  int file_number = 0;
  auto record = [&](const NoticeOutcome& n) -> core::Result<store::Ok> {
    if (!o.send) return true;
    store::NoticeRecord r;
    r.list = o.list;
    r.scan = current->id;
    r.domain = n.domain;
    r.recorded_unix = o.now_unix();
    r.state = n.state;
    r.reason = n.reason;
    r.recipient = n.recipient;
    r.source = n.source;
    r.message_id = n.message_id;
    r.language = n.language;
    r.findings = n.findings;
    auto id = store.record_notice(r);
    if (!id) return id.error();
    return true;
  };

  for (const auto& d : *domains) {
    const auto was = before.find(d.domain);
    const auto decision = decide(catalog, d, was == before.end() ? nullptr : &was->second, *history,
                                 now, settings->period_days);
    if (decision.findings.empty()) {
      if (!decision.told.empty()) ++report.already_told;
      continue;
    }
    NoticeOutcome n;
    n.domain = d.domain;
    for (const auto& f : decision.findings) n.findings.push_back(f.standard);
    if (decision.within_period) {
      n.state = "skipped";
      n.reason = "a notice about this domain went out on " +
                 day(store::iso_time(decision.last_notice)) + " (at most one per " +
                 std::to_string(settings->period_days) + " days)";
      if (auto r = record(n); !r) return r.error();
      report.outcomes.push_back(std::move(n));
      continue;
    }
    auto results = store.domain_results(current->id, d.domain);
    if (!results) return results.error();
    const auto recipient = find_recipient(d.domain, d.organisation, *results, *contacts);
    n.source = std::string(to_string(recipient.source));
    n.language = choose_language(recipient.languages);
    if (!recipient.refusal.empty()) {
      n.state = "skipped";
      n.reason = recipient.refusal;
      if (auto r = record(n); !r) return r.error();
      report.outcomes.push_back(std::move(n));
      continue;
    }
    if (recipient.address.empty() && recipient.review_urls.empty()) {
      n.state = "skipped";
      n.reason = "no contact";
      if (auto r = record(n); !r) return r.error();
      report.outcomes.push_back(std::move(n));
      continue;
    }
    n.recipient = recipient.address.empty() ? recipient.review_urls.front() : recipient.address;
    // The opt-out key: the address, or (for a notice a person submits) the domain's review key.
    const std::string token_key =
        recipient.address.empty() ? "review:" + d.domain : recipient.address;
    auto opted_out = store.opted_out(token_key);
    if (!opted_out) return opted_out.error();
    if (*opted_out) {
      n.state = "skipped";
      n.reason = "the recipient opted out";
      if (auto r = record(n); !r) return r.error();
      report.outcomes.push_back(std::move(n));
      continue;
    }
    // The message.
    NoticeContent content;
    content.language = n.language;
    content.domain = d.domain;
    content.tested = day(d.tested.empty() ? current->started : d.tested);
    content.mandate = settings->mandate;
    content.sender = settings->sender;
    content.sender_name = settings->sender_name;
    content.reply_to = settings->reply_to;
    content.recipient = recipient.address;
    content.why_this_address = why_this_address(recipient, d.organisation, n.language);
    std::string base = settings->base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    content.permalink = base + "/scan/" + std::to_string(current->id) + "/" + d.domain;
    auto token = store.recipient_token(token_key, random_hex(32));
    if (!token) return token.error();
    content.optout_url = base + "/notices/optout/" + *token;
    content.period_days = settings->period_days;
    for (const auto& f : decision.findings) {
      const auto* standard = catalog.find(f.standard);
      NoticeContent::Finding item{f.standard,    standard->name, standard->failure,
                                  standard->fix, f.regressed,    {}};
      for (const auto& r : *results) {
        if (item.evidence.size() >= kMaxEvidence) break;
        if (r.verdict != core::Verdict::kFail) continue;
        bool belongs = false;
        for (const auto& c : standard->checks) belongs = belongs || c == r.id;
        if (belongs) item.evidence.push_back(r.id + " (" + r.target + "): " + r.summary);
      }
      content.findings.push_back(std::move(item));
    }
    const auto unique = random_hex(16);
    auto message = compose(content, now, unique);
    if (!message) {
      n.state = "skipped";
      n.reason = "the message could not be written safely: " + message.error().message;
      if (auto r = record(n); !r) return r.error();
      report.outcomes.push_back(std::move(n));
      continue;
    }
    n.message_id = message->message_id;
    const bool review = recipient.address.empty();
    if (!o.directory.empty() && (!o.send || review)) {
      char prefix[16];
      std::snprintf(prefix, sizeof prefix, "%04d-", ++file_number);
      const auto path = fs::path(o.directory) / (std::string(prefix) + (review ? "review-" : "") +
                                                 file_safe(d.domain) + ".eml");
      if (!write_file(path, message->data))
        return core::make_error("cannot write " + path.string());
      n.file = path.string();
    }
    if (review) {
      n.state = "review";
      n.reason = "security.txt names only https: contacts: for a person to submit";
      if (auto r = record(n); !r) return r.error();
      report.outcomes.push_back(std::move(n));
      continue;
    }
    if (!o.send) {
      n.state = "would-send";
      report.outcomes.push_back(std::move(n));
      continue;
    }
    // The envelope sender names the notice, so that a bounce arriving later finds it.
    pending.push_back({std::move(n), std::move(message->data),
                       bounce_address(settings->sender, unique),
                       address_domain(recipient.address)});
  }

  // Sending, soonest-allowed first, at the bounded rates.
  RateLimiter limiter(o.overall_per_minute, o.per_domain_per_minute);
  auto steady = o.steady_now ? o.steady_now : [] { return RateLimiter::Clock::now(); };
  auto sleep =
      o.sleep ? o.sleep : [](RateLimiter::Clock::duration d) { std::this_thread::sleep_for(d); };
  while (!pending.empty()) {
    std::vector<std::string> receiving;
    receiving.reserve(pending.size());
    for (const auto& p : pending) receiving.push_back(p.domain_of_recipient);
    const auto index = static_cast<std::size_t>(limiter.next(receiving, steady()));
    const auto wait = limiter.wait(receiving[index], steady());
    if (wait > RateLimiter::Clock::duration::zero()) sleep(wait);
    auto p = std::move(pending[index]);
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(index));
    const auto delivery = o.transport->deliver(p.from, p.outcome.recipient, p.data);
    limiter.sent(p.domain_of_recipient, steady());
    switch (delivery.outcome) {
      case Delivery::Outcome::kSent:
        p.outcome.state = "sent";
        break;
      case Delivery::Outcome::kBounced:
        p.outcome.state = "bounced";
        break;
      case Delivery::Outcome::kFailed:
        p.outcome.state = "failed";
        break;
    }
    p.outcome.reason = delivery.detail;
    if (auto r = record(p.outcome); !r) return r.error();
    report.outcomes.push_back(std::move(p.outcome));
  }
  if (!o.send && !o.directory.empty()) {
    const auto dir = fs::path(o.directory);
    if (!write_file(dir / "summary.txt", summary_text(report)) ||
        !write_file(dir / "summary.json", summary_json(report))) {
      return core::make_error("cannot write the summary in " + o.directory);
    }
  }
  return report;
}

std::string summary_text(const RunReport& r) {
  std::map<std::string, int> counts;
  for (const auto& n : r.outcomes) ++counts[n.state];
  std::string out =
      (r.send ? i18n::trf("Notices sent for list {list}, scan {scan}", fmt::arg("list", r.list),
                          fmt::arg("scan", r.scan))
              : i18n::trf("Dry run: notices that would go out for list {list}, scan {scan}",
                          fmt::arg("list", r.list), fmt::arg("scan", r.scan))) +
      (r.previous_scan ? i18n::trf(" (previous scan {scan})", fmt::arg("scan", *r.previous_scan))
                       : i18n::tr(" (no previous scan)")) +
      "\n" +
      (r.list_opted_in ? i18n::tr("Notices of this list are on (the list opted in).")
                       : i18n::tr("Notices of this list are off (the list has not opted in).")) +
      "\n" +
      i18n::trf(
          "{domains} domains tested; {told} with failing standards that were all told "
          "before.",
          fmt::arg("domains", r.domains), fmt::arg("told", r.already_told)) +
      "\n";
  for (const auto& [state, count] : counts)
    out += "  " + state + ": " + std::to_string(count) + "\n";
  out += "\n";
  for (const auto& n : r.outcomes) {
    out += n.state + "  " + n.domain;
    if (!n.recipient.empty()) out += "  -> " + printable(n.recipient);
    if (!n.source.empty())
      out += "  (" + n.source + (n.language.empty() ? "" : ", " + n.language) + ")";
    out += "\n    " + std::string(i18n::tr("findings:")) + " ";
    for (std::size_t i = 0; i < n.findings.size(); ++i) out += (i ? ", " : "") + n.findings[i];
    out += "\n";
    if (!n.reason.empty()) out += "    " + printable(n.reason, 400) + "\n";
    if (!n.file.empty()) out += "    " + std::string(i18n::tr("file:")) + " " + n.file + "\n";
  }
  return out;
}

std::string summary_json(const RunReport& r) {
  nlohmann::json j{{"schema", "baseline/notices-run/1"},
                   {"list", r.list},
                   {"scan", r.scan},
                   {"send", r.send},
                   {"list_opted_in", r.list_opted_in},
                   {"domains", r.domains},
                   {"already_told", r.already_told}};
  j["previous_scan"] = r.previous_scan ? nlohmann::json(*r.previous_scan) : nlohmann::json();
  auto& list = j["notices"] = nlohmann::json::array();
  for (const auto& n : r.outcomes) {
    list.push_back({{"domain", n.domain},
                    {"state", n.state},
                    {"reason", n.reason},
                    {"recipient", n.recipient},
                    {"source", n.source},
                    {"language", n.language},
                    {"findings", n.findings},
                    {"file", n.file},
                    {"message_id", n.message_id}});
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace baseline::notices
