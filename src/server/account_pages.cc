// SPDX-License-Identifier: Apache-2.0
// The account pages: log in and out, and the account page where a user makes and revokes the
// bearer tokens of the batch API (a token is shown once, when it is made) and sets the address
// and opt-out of the digest after scheduled scans. Every form that
// changes something carries the session's CSRF token; RouteTable::dispatch checks it.
#include <fmt/format.h>

#include "accounts/account_name.h"
#include "accounts/password_hash.h"
#include "accounts/secret_token.h"
#include "accounts/session.h"
#include "batch/batch_request.h"
#include "core/parse_number.h"
#include "i18n/i18n.h"
#include "notices/address.h"
#include "report/html.h"
#include "server/account_authenticator.h"
#include "server/form_body.h"
#include "server/page_layout.h"
#include "server/web_front.h"
#include "store/account_store.h"
#include "store/batch_store.h"
#include "store/sql_connection.h"

namespace baseline::server {

namespace {

using i18n::N_;
using i18n::tr;
using i18n::trf;
using report::html::escape;

constexpr std::size_t kMaxTokenLabel = 100;
constexpr std::size_t kMaxTokensPerAccount = 50;
constexpr std::size_t kRequestsShown = 50;

store::AccountStore accounts_in(store::Store& s) {
  auto* sql = s.sql();
  if (sql == nullptr) throw std::runtime_error("this store keeps no accounts");
  return store::AccountStore(*sql);
}

Response redirect(const Request& request, const std::string& location) {
  Response response{http::status::see_other, request.version()};
  add_security_headers(response);
  response.set(http::field::location, location);
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

std::string csrf_input(const Caller& caller) {
  return "<input type=\"hidden\" name=\"" + std::string(accounts::kCsrfField) + "\" value=\"" +
         escape(caller.csrf_token) + "\">";
}

Response no_store(Response response) {
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

std::string login_form(const std::string& problem) {
  std::string out = "<h1>" + escape(tr("Log in")) + "</h1>\n";
  if (!problem.empty()) out += "<p role=\"alert\" class=\"problem\">" + escape(problem) + "</p>\n";
  out += "<form method=\"post\" action=\"/login\" class=\"login\">\n<p><label for=\"name\">" +
         escape(tr("Account")) +
         "</label> <input id=\"name\" name=\"name\" "
         "autocomplete=\"username\" required maxlength=\"64\"></p>\n<p><label for=\"password\">" +
         escape(tr("Password")) +
         "</label> <input id=\"password\" name=\"password\" "
         "type=\"password\" autocomplete=\"current-password\" required maxlength=\"1024\"></p>\n"
         "<p><button type=\"submit\">" +
         escape(tr("Log in")) + "</button></p>\n</form>\n<p>" +
         report::html::prose(tr("Accounts are made by the operator with `baseline users add "
                                "NAME`.")) +
         "</p>\n";
  return out;
}

namespace {

Response login_page(const RequestContext& c) {
  if (c.caller) return redirect(c.request, "/account");
  return no_store(page_response(c.request, http::status::ok, {tr("Log in"), login_form("")}));
}

Response login(WebFront& front, const RequestContext& c) {
  const auto& body = c.request.body();
  const auto name = form_value(body, "name");
  const auto password = form_value(body, "password");
  if (front.accounts == nullptr) throw std::runtime_error("no authenticator");
  auto checked = front.accounts->check_password(name, password, c.client);
  if (auto* refusal = std::get_if<AccountAuthenticator::LoginRefusal>(&checked)) {
    if (refusal->retry_after) {
      auto response = page_response(
          c.request, http::status::too_many_requests,
          {tr("Log in"),
           login_form(trf("Too many failed log-ins; please try again in {seconds} seconds.",
                          fmt::arg("seconds", refusal->retry_after->count())))});
      response.set(http::field::retry_after, std::to_string(refusal->retry_after->count()));
      return no_store(std::move(response));
    }
    return no_store(
        page_response(c.request, http::status::unauthorized,
                      {tr("Log in"), login_form(tr("The account or the password is wrong."))}));
  }
  const auto& caller = std::get<Caller>(checked);
  // A fresh session at every login (no fixation), stored as its digest only.
  const auto session = accounts::start_session();
  front.store.with([&](store::Store& s) {
    auto accounts = accounts_in(s);
    (void)accounts.remove_expired_sessions(unix_now());
    // A hash made with older limits is replaced now that the password is known (before the new
    // session: a changed password ends the account's sessions).
    const auto key = accounts::account_key(caller.name);
    auto account = accounts.find_by_key(key);
    if (account && *account && accounts::needs_rehash((*account)->password_hash)) {
      if (auto fresh = accounts::hash_password(password)) (void)accounts.set_password(key, *fresh);
    }
    auto added = accounts.add_session(session.stored_digest, caller.account_id, session.csrf_token,
                                      unix_now() + kSessionLifetime.count() * 3600);
    if (!added) throw std::runtime_error(added.error().message);
    return true;
  });
  auto response = redirect(c.request, "/account");
  response.set(
      http::field::set_cookie,
      accounts::session_cookie(session.cookie_secret,
                               std::chrono::duration_cast<std::chrono::seconds>(kSessionLifetime)));
  return response;
}

Response logout(WebFront& front, const RequestContext& c) {
  const auto cookies = c.request[http::field::cookie];
  if (auto secret = accounts::cookie_value(std::string_view(cookies.data(), cookies.size()),
                                           accounts::kSessionCookie)) {
    // The cookie is cleared either way; a session the store could not remove ends at its expiry.
    (void)front.store.with([&](store::Store& s) {
      return accounts_in(s).remove_session(accounts::secret_digest(*secret));
    });
  }
  auto response = redirect(c.request, "/");
  response.set(http::field::set_cookie, accounts::cleared_session_cookie());
  return response;
}

std::string tokens_section(const Caller& caller, const std::vector<store::TokenRecord>& tokens) {
  std::string out = "<h2>" + escape(tr("API tokens")) + "</h2>\n<p>" +
                    report::html::prose(tr("A token lets a script use the batch API "
                                           "(`Authorization: Bearer TOKEN`) without your "
                                           "password. It is shown once, when it is made; only "
                                           "its digest is kept.")) +
                    "</p>\n";
  if (tokens.empty()) {
    out += "<p>" + escape(tr("No tokens yet.")) + "</p>\n";
  } else {
    out += "<table class=\"tokens\"><thead><tr><th>" + escape(tr("Label")) + "</th><th>" +
           escape(tr("Made")) + "</th><th>" + escape(tr("Last used")) +
           "</th><th></th></tr></thead><tbody>\n";
    for (const auto& t : tokens) {
      out += "<tr><td>" + escape(t.label) + "</td><td>" + escape(t.created) + "</td><td>" +
             escape(t.last_used.empty() ? tr("never") : t.last_used) +
             "</td><td><form method=\"post\" action=\"/account/tokens/" + std::to_string(t.id) +
             "/revoke\">" + csrf_input(caller) + "<button type=\"submit\">" + escape(tr("Revoke")) +
             "</button></form></td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "<form method=\"post\" action=\"/account/tokens\">" + csrf_input(caller) +
         "<p><label for=\"label\">" + escape(tr("Label")) +
         "</label> <input id=\"label\" name=\"label\" maxlength=\"" +
         std::to_string(kMaxTokenLabel) + "\" required> <button type=\"submit\">" +
         escape(tr("Make a token")) + "</button></p></form>\n";
  return out;
}

std::string requests_section(const std::vector<batch::BatchRequest>& requests) {
  // The API's words for a request's type and status, marked for the page.
  static constexpr const char* kWords[] = {N_("web"),      N_("mail"),       N_("registering"),
                                           N_("running"),  N_("generating"), N_("done"),
                                           N_("cancelled")};
  (void)kWords;
  std::string out = "<h2>" + escape(tr("Batch requests")) + "</h2>\n";
  if (requests.empty()) {
    return out + "<p>" +
           report::html::prose(tr("None yet. Register one at `POST /api/batch/v2/requests`.")) +
           "</p>\n";
  }
  out += "<table class=\"requests\"><thead><tr><th>" + escape(tr("Request")) + "</th><th>" +
         escape(tr("Name")) + "</th><th>" + escape(tr("Type")) + "</th><th>" +
         escape(tr("Status")) + "</th><th>" + escape(tr("Progress")) + "</th><th>" +
         escape(tr("Submitted")) + "</th></tr></thead><tbody>\n";
  for (const auto& r : requests) {
    out += "<tr><td><code>" + escape(r.id) + "</code></td><td>" + escape(r.name) + "</td><td>" +
           escape(tr(std::string(batch::to_string(r.type)))) + "</td><td>" +
           escape(tr(std::string(batch::to_string(r.status)))) + "</td><td>" +
           std::to_string(r.finished_domains) + "/" + std::to_string(r.domains) + "</td><td>" +
           escape(batch::iso_date(r.submitted)) + "</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

// The digest after scheduled scans of the account's lists: its address and the opt-out.
std::string digest_section(const Caller& caller, const std::string& email, bool opted_out) {
  return "<h2>" + escape(tr("Digest e-mail")) + "</h2>\n<p>" +
         escape(tr("After each scheduled scan of one of your lists, a digest of what regressed "
                   "and improved, with the link to the report, goes to this address.")) +
         "</p>\n<form method=\"post\" action=\"/account/digest\">" + csrf_input(caller) +
         "<p><label for=\"email\">" + escape(tr("E-mail address")) +
         "</label> <input id=\"email\" name=\"email\" type=\"email\" maxlength=\"" +
         std::to_string(notices::kMaxAddressLength) + "\" value=\"" + escape(email) +
         "\"></p>\n<p><label><input type=\"checkbox\" name=\"digest\" value=\"on\"" +
         (opted_out ? "" : " checked") + "> " + escape(tr("Send me the digest")) +
         "</label></p>\n<p><button type=\"submit\">" + escape(tr("Save")) +
         "</button></p></form>\n";
}

Response account_page(WebFront& front, const RequestContext& c, const std::string& notice = "") {
  const auto& caller = *c.caller;
  auto tokens =
      front.store.with([&](store::Store& s) { return accounts_in(s).tokens(caller.account_id); });
  if (!tokens) throw std::runtime_error(tokens.error().message);
  auto requests = front.store.with([&](store::Store& s) {
    return store::BatchStore(*s.sql()).list(caller.account_id, kRequestsShown);
  });
  if (!requests) throw std::runtime_error(requests.error().message);
  std::string body =
      "<h1>" + escape(trf("Account {name}", fmt::arg("name", caller.name))) + "</h1>\n" + notice;
  if (caller.by_session) {
    body += "<form method=\"post\" action=\"/logout\">" + csrf_input(caller) +
            "<button type=\"submit\">" + escape(tr("Log out")) + "</button></form>\n";
    body += tokens_section(caller, *tokens);
    auto digest =
        front.store.with([&](store::Store& s) -> core::Result<std::pair<std::string, bool>> {
          auto accounts = accounts_in(s);
          auto email = accounts.email(caller.account_id);
          if (!email) return email.error();
          auto out = accounts.digest_opted_out(caller.account_id);
          if (!out) return out.error();
          return std::pair{*email, *out};
        });
    if (!digest) throw std::runtime_error(digest.error().message);
    body += digest_section(caller, digest->first, digest->second);
  }
  body += requests_section(*requests);
  return no_store(page_response(c.request, http::status::ok, {tr("Account"), body}));
}

// Tokens are made and revoked in the browser only (a token cannot mint tokens).
std::optional<Response> needs_session(const RequestContext& c) {
  if (c.caller->by_session) return std::nullopt;
  return page_error(c.request, http::status::forbidden,
                    tr("API tokens are made and revoked in the browser, after logging in."));
}

Response make_token(WebFront& front, const RequestContext& c) {
  if (auto refused = needs_session(c)) return std::move(*refused);
  auto label = form_value(c.request.body(), "label");
  if (label.empty() || label.size() > kMaxTokenLabel ||
      std::any_of(label.begin(), label.end(),
                  [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; })) {
    return page_error(c.request, http::status::bad_request,
                      tr("Give the token a label of 1 to 100 characters."));
  }
  const auto secret = accounts::random_secret();
  auto made = front.store.with([&](store::Store& s) -> core::Result<std::int64_t> {
    auto accounts = accounts_in(s);
    auto existing = accounts.tokens(c.caller->account_id);
    if (!existing) return existing.error();
    if (existing->size() >= kMaxTokensPerAccount) return std::int64_t{0};
    return accounts.add_token(c.caller->account_id, accounts::secret_digest(secret), label);
  });
  if (!made) throw std::runtime_error(made.error().message);
  if (*made == 0) {
    return page_error(c.request, http::status::conflict,
                      trf("This account has {count} tokens already; revoke one first.",
                          fmt::arg("count", kMaxTokensPerAccount)));
  }
  const std::string notice = "<div class=\"new-token\" role=\"status\"><p>" +
                             trf("Your new token {label} (copy it now; it is not shown again):",
                                 fmt::arg("label", "<strong>" + escape(label) + "</strong>")) +
                             "</p><p><code class=\"token\">" + escape(secret) +
                             "</code></p></div>\n";
  return account_page(front, c, notice);
}

Response revoke_token(WebFront& front, const RequestContext& c) {
  if (auto refused = needs_session(c)) return std::move(*refused);
  const auto& id_text = c.param("id");
  const auto parsed =
      id_text.size() < 18 ? core::parse_decimal<std::int64_t>(id_text) : std::nullopt;
  const bool numeric = parsed.has_value();
  const std::int64_t id = parsed.value_or(0);
  auto revoked = front.store.with([&](store::Store& s) -> core::Result<bool> {
    if (!numeric) return false;
    return accounts_in(s).revoke_token(c.caller->account_id, id);
  });
  if (!revoked) throw std::runtime_error(revoked.error().message);
  if (!*revoked)
    return page_error(c.request, http::status::not_found, tr("There is no such token."));
  return redirect(c.request, "/account");
}

// The digest's address and opt-out, from the account's page (CSRF-checked by the route table).
Response save_digest(WebFront& front, const RequestContext& c) {
  if (auto refused = needs_session(c)) return std::move(*refused);
  const auto typed = form_value(c.request.body(), "email");
  std::string address;
  if (!typed.empty()) {
    auto checked = notices::check_address(typed);
    if (!checked) {
      return page_error(c.request, http::status::bad_request,
                        trf("That e-mail address cannot be used: {problem}.",
                            fmt::arg("problem", tr(checked.error().message))));
    }
    address = *checked;
  }
  const bool wanted = form_value(c.request.body(), "digest") == "on";
  auto saved = front.store.with([&](store::Store& s) -> core::Result<bool> {
    auto accounts = accounts_in(s);
    if (auto stored = accounts.set_email(c.caller->account_id, address); !stored) return stored;
    return accounts.set_digest_optout(c.caller->account_id, !wanted);
  });
  if (!saved) throw std::runtime_error(saved.error().message);
  return redirect(c.request, "/account");
}

}  // namespace

void add_account_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::get, "/login", Access::kPublic, login_page});
  routes.add({http::verb::post, "/login", Access::kPublic,
              [&front](const RequestContext& c) { return login(front, c); }});
  routes.add({http::verb::post, "/logout", Access::kAccount,
              [&front](const RequestContext& c) { return logout(front, c); }});
  routes.add({http::verb::get, "/account", Access::kAccount,
              [&front](const RequestContext& c) { return account_page(front, c); }});
  routes.add({http::verb::post, "/account/tokens", Access::kAccount,
              [&front](const RequestContext& c) { return make_token(front, c); }});
  routes.add({http::verb::post, "/account/tokens/{id}/revoke", Access::kAccount,
              [&front](const RequestContext& c) { return revoke_token(front, c); }});
  routes.add({http::verb::post, "/account/digest", Access::kAccount,
              [&front](const RequestContext& c) { return save_digest(front, c); }});
}

}  // namespace baseline::server
