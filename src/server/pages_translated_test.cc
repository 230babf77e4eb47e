// SPDX-License-Identifier: Apache-2.0
// Every page of the observatory, the account and the notices, rendered through the route table on
// a fresh store in English, Dutch and Brazilian Portuguese (?lang=, as the switcher links): a
// translated page fails when it still shows English, which is either a text nobody marked for
// translation (it reads the same in both languages) or a marked one without a translation (a
// msgid of po/LANG.po appears verbatim).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "accounts/secret_token.h"
#include "batch/batch_request.h"
#include "i18n/i18n.h"
#include "i18n/scoped_language.h"
#include "observatory/explanation_store.h"
#include "observatory/list_owner.h"
#include "observatory/recurrence.h"
#include "observatory/server_scans.h"
#include "runtime/run_catalog.h"
#include "server/form_body.h"
#include "server/testing/pages_test_base.h"
#include "server/web_front.h"
#include "store/account_store.h"
#include "store/batch_store.h"

namespace baseline::server {
namespace {

namespace fs = std::filesystem;

// The .po files' msgid → msgstr (written without wrapping by scripts/update-po).
std::map<std::string, std::string> read_po(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto unquote = [](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        ++i;
        out += s[i] == 'n' ? '\n' : s[i];
      } else {
        out += s[i];
      }
    }
    return out;
  };
  std::map<std::string, std::string> out;
  static const std::regex entry(R"re(\nmsgid "(.+)"\nmsgstr "(.*)")re");
  const auto all = text.str();
  for (std::sregex_iterator it(all.begin(), all.end(), entry), end; it != end; ++it) {
    out[unquote((*it)[1])] = unquote((*it)[2]);
  }
  return out;
}

std::string unescape_html(std::string text) {
  for (const auto& [entity, plain] : std::initializer_list<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at)) {
      text.replace(at, entity.size(), plain);
      at += plain.size();
    }
  }
  return text;
}

// The texts a reader sees: the text between tags (without <code>, <style> and <script>, which
// hold technical tokens), and the attributes people read (title, placeholder, aria-label).
std::vector<std::string> visible_texts(const std::string& html) {
  static const std::regex hidden(R"((<(code|style|script)[^>]*>)[\s\S]*?</\2>)");
  const auto shown = std::regex_replace(html, hidden, " ");
  std::vector<std::string> out;
  static const std::regex between(R"(>([^<>]+)<)");
  for (std::sregex_iterator it(shown.begin(), shown.end(), between), end; it != end; ++it) {
    out.push_back(unescape_html((*it)[1]));
  }
  static const std::regex read_attribute(R"re((?:title|aria-label|placeholder)="([^"]*)")re");
  for (std::sregex_iterator it(shown.begin(), shown.end(), read_attribute), end; it != end; ++it) {
    out.push_back(unescape_html((*it)[1]));
  }
  for (auto& text : out) {
    text = std::regex_replace(text, std::regex(R"(\s+)"), " ");
    // The site's name after a page's title is a name in every language.
    if (text.ends_with(" · Baseline")) text.resize(text.size() - 11);
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  return out;
}

// Words of two letters or more: a run of them is language, not a number, a date or an ID.
std::size_t word_count(const std::string& text) {
  static const std::regex word(R"((^|[\s(])[A-Za-z][a-z]+[,.:;)]?(?=\s|$))");
  return static_cast<std::size_t>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), word), std::sregex_iterator()));
}

// Whether a translation with placeholders writes `text` ("{list}, scan #{scan}" is Dutch too):
// such a text reads the same as the English one because the languages agree, not because it was
// left unmarked.
bool produced_by(const std::vector<std::string>& templates, const std::string& text) {
  static const std::regex placeholder(R"(\\\{[^}]*\\\})");
  for (const auto& translation : templates) {
    const auto escaped =
        std::regex_replace(translation, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
    const auto pattern = std::regex_replace(escaped, placeholder, ".+");
    if (std::regex_match(text, std::regex(pattern))) return true;
  }
  return false;
}

class PagesTranslatedTest : public page_testing::PagesTestBase {
 protected:
  void SetUp() override {
    PagesTestBase::SetUp();
    // The catalogue in each language, as `baseline serve` loads it.
    for (const auto& language : i18n::shipped_languages()) {
      const i18n::ScopedLanguage in_language(language);
      auto translated = runtime::load_run_catalog({});
      ASSERT_TRUE(translated) << translated.error().message;
      front_->page_catalogs.emplace(language, std::move(*translated));
    }
    store_->with([&](store::Store& s) {
      store::AccountStore accounts(*s.sql());
      ASSERT_TRUE(accounts.add("owner", "owner", "unused-hash"));
      account_ = (*accounts.find_by_key("owner"))->id;
      ASSERT_TRUE(accounts.add_token(account_, accounts::secret_digest("x"), "script"));
      batch::BatchRequest request;
      request.id = batch::new_request_id();
      request.name = "nightly";
      request.submitted = std::chrono::system_clock::now();
      ASSERT_TRUE(store::BatchStore(*s.sql()).add(account_, request, {"a.example"}));
    });
  }

  // As the owner (signed in) or nobody.
  Response call(http::verb method, const std::string& target, bool signed_in,
                const std::string& body = "") {
    return PagesTestBase::call(method, target, signed_in ? account_ : 0, body);
  }

  // The pages under test, each as (method, target, signed in, form body), with fixture data whose
  // own texts are single tokens (so that only Baseline's texts can read as English).
  std::vector<std::tuple<http::verb, std::string, bool, std::string>> pages() {
    auto created = call(http::verb::post, "/lists", true,
                        "name=gov&scan_type=all&domains=" +
                            url_encode("domain,organisation,sector\na.example,Alpha,health\n"
                                       "b.example,Beta,energy\n"));
    EXPECT_EQ(created.result(), http::status::see_other) << created.body();
    const std::string list_url(created[http::field::location]);
    const auto list_id = list_url.substr(list_url.rfind('/') + 1);
    const std::string stored = std::to_string(account_) + ":gov";
    const auto first = finished_scan(stored, "fail");
    const auto second = finished_scan(stored, "pass");
    store_->with([&](store::Store& s) {
      auto every = observatory::Recurrence::parse("weekly");
      EXPECT_TRUE(every);
      EXPECT_TRUE(observatory::set_schedule(s, stored, *every, unix_now()));
      observatory::StoredExplanation e{"Alpha",     "",           "dnssec",
                                       "migration", "2099-01-01", "2026-12-01"};
      EXPECT_TRUE(observatory::save_explanation(s, account_, e));
      store::NoticeRecord notice{
          0,          stored, first,     "a.example",          "",
          1795000000, "sent", "250",     "security@a.example", "security.txt",
          "x@y",      "nl",   {"dnssec"}};
      EXPECT_TRUE(s.record_notice(notice));
      notice.state = "review";
      notice.recipient = "https://a.example/contact";
      EXPECT_TRUE(s.record_notice(notice));
    });
    auto published = call(http::verb::post, "/scans/" + std::to_string(second) + "/publish", true);
    static const std::regex link(R"re(id=public-link href="([^"]+)")re");
    std::smatch found;
    const std::string published_body = published.body();
    EXPECT_TRUE(std::regex_search(published_body, found, link)) << published_body;
    const std::string scan = "/scans/" + std::to_string(second);
    return {
        {http::verb::get, "/lists", true, ""},
        {http::verb::get, list_url, true, ""},
        {http::verb::get, list_url + "/overview", true, ""},
        {http::verb::get, list_url + "/notices", true, ""},
        {http::verb::get, scan + "?compare=" + std::to_string(first), true, ""},
        {http::verb::post, scan + "/publish", true, ""},
        {http::verb::get, found.size() > 1 ? found[1].str() : "/public/none", false, ""},
        {http::verb::get, "/scan/" + std::to_string(second) + "/a.example", false, ""},
        {http::verb::get, "/account", true, ""},
        {http::verb::get, "/login", false, ""},
        {http::verb::get, "/hall-of-fame", false, ""},
        {http::verb::get, "/notices/optout/unknown", false, ""},
        {http::verb::get, "/lists/" + list_id + "0", true, ""},  // not found
        {http::verb::get, "/no-such-page", false, ""},
        {http::verb::get, "/lists", false, ""},  // needs an account: the login form
        {http::verb::post, list_url + "/explanations", true, "standard=dnssec"},  // bad input
        {http::verb::post, "/account/digest", true, "email=nobody"},
    };
  }

  std::int64_t account_ = 0;
};

// Titles of documents are technical tokens (docs/translating.md): the TLS guideline a report
// names (catalog/tls-guidelines/*.yaml `name`, with its edition).
const std::set<std::string> kTitles = {"NCSC-NL IT Security Guidelines for TLS (2025-05)"};

TEST_F(PagesTranslatedTest, ObservatoryAccountAndNoticePagesShowNoEnglishInDutchOrPortuguese) {
  const auto targets = pages();
  for (const auto& [language, po_file] :
       {std::pair{"nl", "nl.po"}, std::pair{"pt-BR", "pt_BR.po"}}) {
    const auto po = read_po(fs::path(BASELINE_PO_DIR) / po_file);
    ASSERT_GT(po.size(), 1000u) << "po/" << po_file << " not found under " << BASELINE_PO_DIR;
    // What the translations themselves say may appear (a name both languages keep, "DNSSEC").
    std::string translated_text;
    std::vector<std::string> templates;
    for (const auto& [msgid, msgstr] : po) {
      translated_text += msgstr + "\n";
      if (msgstr.find('{') != std::string::npos) templates.push_back(msgstr);
    }
    for (const auto& [method, target, signed_in, body] : targets) {
      const auto separator = target.find('?') == std::string::npos ? "?" : "&";
      const auto english = call(method, target + separator + "lang=en", signed_in, body);
      const auto translated =
          call(method, target + separator + "lang=" + language, signed_in, body);
      ASSERT_EQ(english.result(), translated.result()) << target;
      const std::string& html = translated.body();
      ASSERT_NE(html.find("<html lang=\"" + std::string(language) + "\">"), std::string::npos)
          << target << " is not a page in " << language;
      // 1. A text that reads the same in English: nobody marked it for translation.
      std::set<std::string> english_texts;
      for (auto& text : visible_texts(english.body())) english_texts.insert(text);
      for (const auto& text : visible_texts(html)) {
        if (word_count(text) < 2 || !english_texts.contains(text) || kTitles.contains(text)) {
          continue;
        }
        if (translated_text.find(text) != std::string::npos || produced_by(templates, text)) {
          continue;
        }
        ADD_FAILURE() << target << " in " << language << " still says \"" << text << "\"";
      }
      // 2. A marked text left in English: a msgid (or its fixed part of three words or more
      // between placeholders) whose translation differs.
      std::string flat;
      for (const auto& text : visible_texts(html)) flat += text + "\n";
      for (const auto& [msgid, msgstr] : po) {
        if (msgstr.empty() || msgstr == msgid) continue;
        static const std::regex placeholder(R"(\{[^}]*\}|`[^`]*`)");
        std::sregex_token_iterator piece(msgid.begin(), msgid.end(), placeholder, -1), end;
        for (; piece != end; ++piece) {
          std::string fixed = *piece;
          while (!fixed.empty() &&
                 std::string(" :;,.()'\"").find(fixed.front()) != std::string::npos)
            fixed.erase(0, 1);
          while (!fixed.empty() &&
                 std::string(" :;,.()'\"").find(fixed.back()) != std::string::npos)
            fixed.pop_back();
          if (word_count(fixed) < 3 || translated_text.find(fixed) != std::string::npos) continue;
          EXPECT_EQ(flat.find(fixed), std::string::npos)
              << target << " in " << language << " shows the English \"" << fixed << "\" (msgid \""
              << msgid << "\")";
        }
      }
    }
  }
}

// The scan cannot pass by rendering nothing: the English pages carry the texts it looks for.
TEST_F(PagesTranslatedTest, TheEnglishPagesCarryTheTextsTheScanLooksFor) {
  const auto targets = pages();
  std::string all;
  for (const auto& [method, target, signed_in, body] : targets) {
    for (const auto& text : visible_texts(call(method, target, signed_in, body).body())) {
      all += text + "\n";
    }
  }
  for (const char* expected :
       {"Your lists", "Adoption per standard", "Comply or explain", "Notices of gov",
        "Make a public link", "API tokens", "Hall of fame", "There is no such list or scan.",
        "Review queue", "This opt-out link is not known.", "Log in",
        "Name the organisation or the domain."}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected;
  }
}

}  // namespace
}  // namespace baseline::server

namespace baseline::server {
namespace {

// Switching language keeps the rest of the page's query: the comparison stays on.
TEST_F(PagesTranslatedTest, TheLanguageSwitcherKeepsThePagesQuery) {
  const auto targets = pages();
  const auto& report = std::get<1>(targets[4]);  // /scans/N?compare=M
  ASSERT_NE(report.find("?compare="), std::string::npos) << report;
  const std::string compare = report.substr(report.find('?') + 1);
  const std::string html = call(http::verb::get, report + "&lang=nl", true).body();
  EXPECT_NE(html.find("href=\"?" + compare + "&amp;lang=pt-BR\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"?" + compare + "&amp;lang=en\""), std::string::npos);
  EXPECT_EQ(html.find("lang=nl&amp;"), std::string::npos) << "the old choice is not carried";
  const std::string plain = call(http::verb::get, "/lists", true).body();
  EXPECT_NE(plain.find("href=\"?lang=nl\""), std::string::npos);
}

}  // namespace
}  // namespace baseline::server
