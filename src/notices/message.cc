// SPDX-License-Identifier: Apache-2.0
#include "notices/message.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "i18n/i18n.h"
#include "notices/address.h"
#include "notices/language.h"
#include "report/html.h"

namespace baseline::notices {

using i18n::N_;
using report::html::escape;  // one HTML escaping for reports, pages and notices
namespace {

constexpr std::size_t kFoldAt = 78;
constexpr std::size_t kEncodedWordBytes = 45;  // 60 base64 characters + 12 = 72 < 75
constexpr std::size_t kMaxMandate = 4000;
constexpr std::size_t kMaxCatalogueText = 2000;
constexpr std::size_t kMaxEvidence = 300;
constexpr std::size_t kMaxEvidenceLines = 5;
constexpr std::size_t kWrapAt = 76;

bool plain_ascii(std::string_view v) {
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting with `c` (1 for a stray byte: cleaned text has none).
std::size_t sequence_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// RFC 2047 B encoded-words of whole characters, joined by folding white space.
std::string encoded_words(std::string_view utf8) {
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = i;
    while (end < utf8.size()) {
      const auto n = sequence_length(static_cast<unsigned char>(utf8[end]));
      if (end + n - i > kEncodedWordBytes) break;
      end += n;
    }
    if (end == i) end = std::min(utf8.size(), i + 1);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

// Folds printable ASCII at spaces so that lines stay near 78 characters.
std::string folded(std::string_view name, std::string_view value) {
  std::string out(name);
  out += ":";
  std::size_t line = out.size();
  std::size_t i = 0;
  while (i < value.size()) {
    auto space = value.find(' ', i + 1);
    if (space == std::string_view::npos) space = value.size();
    auto word = value.substr(i, space - i);  // starts with its space, except the first
    if (i == 0) {
      out += " ";
      ++line;
    } else if (line + word.size() > kFoldAt) {
      out += "\r\n";
      line = 0;
    }
    out += word;
    line += word.size();
    i = space;
  }
  return out + "\r\n";
}

std::string display_name(std::string_view name) {
  const auto clean = clean_text(name, 200);
  if (plain_ascii(clean)) {
    std::string quoted = "\"";
    for (char c : clean) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + "\"";
  }
  return encoded_words(clean);
}

std::string wrap(std::string_view text, std::size_t indent = 0) {
  std::string out;
  std::size_t line = 0;
  std::size_t i = 0;
  const std::string pad(indent, ' ');
  while (i < text.size()) {
    if (text[i] == '\n') {
      out += "\n" + pad;
      line = indent;
      ++i;
      continue;
    }
    auto end = text.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(i, end - i);
    if (line > indent && line + 1 + word.size() > kWrapAt) {
      out += "\n" + pad;
      line = indent;
    } else if (line > indent) {
      out += " ";
      ++line;
    }
    out += word;
    line += word.size();  // bytes, not characters: close enough for wrapping
    i = end;
    if (i < text.size() && text[i] == ' ') ++i;
  }
  return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string with_domain(std::string text, const std::string& domain) {
  return replace_all(std::move(text), "{domain}", domain);
}

std::string subject(const std::string& language, const std::string& domain) {
  return trf(language, N_("Security findings for {domain}"), fmt::arg("domain", domain));
}

struct Bodies {
  std::string text;
  std::string html;
};

Bodies bodies(const NoticeContent& c) {
  const auto& l = c.language;
  const auto domain = clean_text(c.domain, 253);
  const auto sender_name = clean_text(c.sender_name.empty() ? c.sender : c.sender_name, 200);
  const auto mandate = clean_text(c.mandate, kMaxMandate);
  Bodies b;
  std::string& t = b.text;
  std::string& h = b.html;
  h = "<!DOCTYPE html>\n<html lang=\"" + escape(l) + "\"><head><meta charset=\"utf-8\"><title>" +
      escape(subject(l, domain)) +
      "</title></head>\n<body style=\"font-family:sans-serif;max-width:40em\">\n";

  const auto hello = tr(l, N_("Hello,"));
  t += hello + "\n\n";
  h += "<p>" + escape(hello) + "</p>\n";

  const auto intro = trf(l, N_("{sender} writes to you about the security of {domain}."),
                         fmt::arg("sender", sender_name), fmt::arg("domain", domain));
  t += wrap(intro) + "\n\n";
  h += "<p>" + escape(intro) + "</p>\n";

  if (!mandate.empty()) {
    const auto why = tr(l, N_("Why we write:"));
    t += why + "\n" + wrap(mandate) + "\n\n";
    h += "<p><strong>" + escape(why) + "</strong> " + escape(mandate) + "</p>\n";
  }

  const auto found =
      trf(l,
          N_("On {date}, Baseline tested {domain} against the Internet security standards that "
             "the IGF's IS3C coalition calls urgent. This is what needs your attention:"),
          fmt::arg("date", clean_text(c.tested, 32)), fmt::arg("domain", domain));
  t += wrap(found) + "\n\n";
  h += "<p>" + escape(found) + "</p>\n<ol>\n";

  const auto means = tr(l, N_("What this means:"));
  const auto how = tr(l, N_("How to fix it:"));
  const auto saw = tr(l, N_("What the test saw:"));
  int number = 1;
  for (const auto& f : c.findings) {
    // The catalogue's texts in the notice's language (they are msgids of the translations).
    const auto name = clean_text(tr(l, f.name), 200);
    const auto status =
        f.regressed ? tr(l, N_("not met (it was met at the previous test)")) : tr(l, N_("not met"));
    const auto failure = clean_text(with_domain(tr(l, f.failure), domain), kMaxCatalogueText);
    const auto fix = clean_text(with_domain(tr(l, f.fix), domain), kMaxCatalogueText);
    const auto prefix = std::to_string(number++) + ". ";
    t += fmt::format("{}{}: {}\n", prefix, name, status);
    t += "   " + means + " " + wrap(failure, 3) + "\n";
    t += "   " + how + " " + wrap(fix, 3) + "\n";
    h += "<li><p><strong>" + escape(name) + "</strong>: " + escape(status) + "</p>\n";
    h += "<p>" + escape(means) + " " + escape(failure) + "</p>\n";
    h += "<p>" + escape(how) + " " + escape(fix) + "</p>\n";
    if (!f.evidence.empty()) {
      t += "   " + saw + "\n";
      h += "<p>" + escape(saw) + "</p><ul>\n";
      for (std::size_t i = 0; i < f.evidence.size() && i < kMaxEvidenceLines; ++i) {
        const auto line = clean_text(f.evidence[i], kMaxEvidence);
        t += "   - " + wrap(line, 5) + "\n";
        h += "<li><code>" + escape(line) + "</code></li>\n";
      }
      h += "</ul>\n";
    }
    h += "</li>\n";
    t += "\n";
  }
  h += "</ol>\n";

  const auto full = tr(l, N_("The full result, with every check:"));
  t += full + "\n" + c.permalink + "\n\n";
  h += "<p>" + escape(full) + " <a href=\"" + escape(c.permalink) + "\">" + escape(c.permalink) +
       "</a></p>\n";

  if (!c.why_this_address.empty()) {
    const auto why = clean_text(c.why_this_address, 600);
    t += wrap(why) + "\n\n";
    h += "<p>" + escape(why) + "</p>\n";
  }
  const auto object =
      tr(l, N_("To object, or to ask a question, reply to this message. To receive no more of "
               "these notices at this address, open the link below (no account is needed); we keep "
               "your choice for good."));
  t += wrap(object) + "\n" + c.optout_url + "\n\n";
  h += "<p>" + escape(object) + " <a href=\"" + escape(c.optout_url) + "\">" +
       escape(tr(l, N_("Send me no more notices"))) + "</a></p>\n";
  const auto rules = trf(l,
                         N_("We write at most once every {days} days about a domain, and never "
                            "about the same finding twice unless it comes back."),
                         fmt::arg("days", c.period_days));
  t += wrap(rules) + "\n";
  h += "<p><small>" + escape(rules) + "</small></p>\n</body></html>\n";
  return b;
}

}  // namespace

std::string header_line(std::string_view name, std::string_view value) {
  if (plain_ascii(value)) return folded(name, value);
  return std::string(name) + ": " + encoded_words(clean_text(value, 998)) + "\r\n";
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  auto put = [&](std::string_view piece) {
    if (line + piece.size() > 75) {  // soft break: "=" ends the line at 76
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\r\n";
      line = 0;
      continue;
    }
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\n';
    // A line starting with "." or "From " is encoded too: no dot-stuffing or mbox quoting needed.
    const bool at_line_start = line == 0;
    if ((c >= 33 && c <= 126 && c != '=' && !(at_line_start && c == '.')) ||
        (c == ' ' && !line_end)) {
      if (at_line_start && c == 'F' && text.substr(i, 5) == "From ") {
        put("=46");
        continue;
      }
      put(std::string(1, static_cast<char>(c)));
    } else {
      const char encoded[] = {'=', kHex[c >> 4], kHex[c & 15], 0};
      put(encoded);
    }
  }
  return out;
}

std::string clean_text(std::string_view text, std::size_t limit) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    bool ok = true;
    if (c < 0x80) {
      ok = c == '\n' || (c >= 0x20 && c != 0x7f);
    } else {
      n = (c & 0xE0) == 0xC0 && c >= 0xC2   ? 2
          : (c & 0xF0) == 0xE0              ? 3
          : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4
                                            : 0;
      ok = n > 0 && i + n <= text.size();
      for (std::size_t k = 1; ok && k < n; ++k) {
        ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
      }
      if (ok && n == 3) {  // overlong forms and surrogates
        const auto c1 = static_cast<unsigned char>(text[i + 1]);
        ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
      }
      if (ok && n == 4) {
        const auto c1 = static_cast<unsigned char>(text[i + 1]);
        ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
      }
      if (!ok) n = 1;
    }
    const std::string_view piece = ok ? text.substr(i, n) : kReplacement;
    if (out.size() + piece.size() > limit) {
      if (out.size() + 3 <= limit) out += "\xE2\x80\xA6";  // …
      break;
    }
    out += piece;
    i += n;
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("no random bytes (RAND_bytes failed)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool safe_url(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  if (url.size() > kMaxUrlLength) return false;
  for (char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '\'') {
      return false;
    }
  }
  return true;
}

core::Result<ComposedMessage> compose_alternative(const MailHeaders& h, const std::string& text,
                                                  const std::string& html, std::int64_t now_unix,
                                                  const std::string& unique) {
  auto sender = check_address(h.from);
  if (!sender) return core::make_error("the sender address " + sender.error().message);
  if (!h.to.empty()) {
    if (auto r = check_address(h.to); !r || *r != h.to) {
      return core::make_error("the recipient address is not safe to write");
    }
  }
  if (!h.reply_to.empty() && !check_address(h.reply_to)) {
    return core::make_error("the reply-to address is not safe to write");
  }
  if (!h.unsubscribe_url.empty() && !safe_url(h.unsubscribe_url)) {
    return core::make_error("the unsubscribe URL is not safe to write");
  }
  if (unique.empty()) return core::make_error("bad unique part");
  for (char ch : unique) {
    if (!std::isxdigit(static_cast<unsigned char>(ch))) return core::make_error("bad unique part");
  }
  for (char ch : h.kind) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) return core::make_error("bad message kind");
  }
  ComposedMessage out;
  out.message_id = unique + "." + h.kind + "@" + address_domain(*sender);
  const std::string boundary = "=_baseline_" + unique;
  std::string& m = out.data;
  m += "From: " + display_name(h.from_name.empty() ? std::string("Baseline") : h.from_name) + " <" +
       *sender + ">\r\n";
  m += "To: " + (h.to.empty() ? std::string("undisclosed-recipients:;") : h.to) + "\r\n";
  if (!h.reply_to.empty()) m += "Reply-To: " + h.reply_to + "\r\n";
  m += header_line("Subject", clean_text(h.subject, 400));
  m += "Date: " + rfc5322_date(now_unix) + "\r\n";
  m += "Message-ID: <" + out.message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += header_line("Content-Language", h.language);
  m += "Auto-Submitted: auto-generated\r\n";
  if (!h.unsubscribe_url.empty()) {
    m += "List-Unsubscribe:\r\n <" + h.unsubscribe_url + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
       "quoted-printable\r\n\r\n";
  m += quoted_printable(text) + "\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: "
       "quoted-printable\r\n\r\n";
  m += quoted_printable(html) + "\r\n";
  m += "--" + boundary + "--\r\n";
  return out;
}

core::Result<ComposedMessage> compose(const NoticeContent& c, std::int64_t now_unix,
                                      const std::string& unique) {
  // A notice always carries its opt-out link and its permalink.
  if (!safe_url(c.permalink) || !safe_url(c.optout_url)) {
    return core::make_error("the permalink or opt-out URL is not safe to write");
  }
  MailHeaders h;
  h.from = c.sender;
  h.from_name = c.sender_name;
  h.to = c.recipient;
  h.reply_to = c.reply_to;
  h.subject = subject(c.language, clean_text(c.domain, 253));
  h.language = c.language;
  h.unsubscribe_url = c.optout_url;
  const auto b = bodies(c);
  return compose_alternative(h, b.text, b.html, now_unix, unique);
}

}  // namespace baseline::notices
