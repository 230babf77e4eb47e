// SPDX-License-Identifier: Apache-2.0
#include "notices/transport.h"

#include <fcntl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <thread>

#include "mail/smtp/dialogue.h"
#include "mail/smtp/reply.h"
#include "net/async.h"
#include "notices/message.h"

extern char** environ;

namespace baseline::notices {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr std::size_t kMaxComplaint = 2048;

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text.substr(0, 500);
}

class SendmailTransport final : public Transport {
 public:
  SendmailTransport(std::string path, std::chrono::seconds limit)
      : path_(std::move(path)), limit_(limit) {}
  std::string describe() const override { return path_ + " -t -oi"; }

  Delivery deliver(const std::string& from, const std::string& /*to*/,
                   const std::string& data) override {
    int in[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0) return {Delivery::Outcome::kFailed, "pipe failed"};
    if (pipe2(err, O_CLOEXEC) != 0) {
      close(in[0]);
      close(in[1]);
      return {Delivery::Outcome::kFailed, "pipe failed"};
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, err[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::string sender = from;
    std::vector<char*> argv{path_.data(),
                            const_cast<char*>("-t"),
                            const_cast<char*>("-oi"),
                            const_cast<char*>("-f"),
                            sender.data(),
                            nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, path_.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(err[1]);
    if (spawned != 0) {
      close(in[1]);
      close(err[0]);
      return {Delivery::Outcome::kFailed, "cannot run " + path_ + ": " + std::strerror(spawned)};
    }
    // The local convention is LF; sendmail adds the CRs back.
    std::string text;
    text.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (data[i] == '\r' && i + 1 < data.size() && data[i + 1] == '\n') continue;
      text += data[i];
    }
    const auto deadline = std::chrono::steady_clock::now() + limit_;
    std::size_t written = 0;
    std::string complaint;
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    fcntl(err[0], F_SETFL, O_NONBLOCK);
    bool input_open = true, output_open = true;
    while ((input_open || output_open) && std::chrono::steady_clock::now() < deadline) {
      std::array<pollfd, 2> fds{pollfd{input_open ? in[1] : -1, POLLOUT, 0},
                                pollfd{output_open ? err[0] : -1, POLLIN, 0}};
      if (poll(fds.data(), fds.size(), 200) < 0 && errno != EINTR) break;
      if (input_open && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
        const auto n = write(in[1], text.data() + written, text.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 && errno != EAGAIN && errno != EINTR) written = text.size();
        if (written == text.size()) {
          close(in[1]);
          input_open = false;
        }
      }
      if (output_open && (fds[1].revents & (POLLIN | POLLERR | POLLHUP))) {
        char buffer[512];
        const auto n = read(err[0], buffer, sizeof buffer);
        if (n > 0 && complaint.size() < kMaxComplaint)
          complaint.append(buffer, static_cast<std::size_t>(n));
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) output_open = false;
      }
    }
    if (input_open) close(in[1]);
    close(err[0]);
    int status = 0;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!exited) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return {Delivery::Outcome::kFailed,
              path_ + " did not finish within " + std::to_string(limit_.count()) + " s"};
    }
    if (input_open || written < text.size()) {
      return {Delivery::Outcome::kFailed, path_ + " did not read the whole message"};
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      return {Delivery::Outcome::kSent, "accepted by " + path_};
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const std::string why = path_ + " exit " + std::to_string(code) +
                            (complaint.empty() ? "" : ": " + one_line(complaint));
    // sysexits.h: EX_DATAERR 65, EX_NOUSER 67, EX_NOHOST 68 are for good.
    if (code == 65 || code == 67 || code == 68) return {Delivery::Outcome::kBounced, why};
    return {Delivery::Outcome::kFailed, why};
  }

 private:
  std::string path_;
  std::chrono::seconds limit_;
};

using TlsStream = asio::ssl::stream<tcp::socket&>;

template <class Stream>
asio::awaitable<std::optional<mail::smtp::Reply>> read_reply(Stream& stream,
                                                             mail::smtp::ReplyReader& reader,
                                                             std::string& error) {
  auto state = reader.feed({});
  std::array<std::uint8_t, 4096> buffer{};
  while (state == mail::smtp::ReplyReader::State::kNeedMore) {
    auto [ec, n] =
        co_await stream.async_read_some(asio::buffer(buffer), asio::as_tuple(asio::use_awaitable));
    if (n > 0) state = reader.feed(std::span<const std::uint8_t>(buffer.data(), n));
    if (state != mail::smtp::ReplyReader::State::kNeedMore) break;
    if (ec) {
      error = "the relay closed the connection";
      co_return std::nullopt;
    }
  }
  if (state == mail::smtp::ReplyReader::State::kInvalid) {
    error = "garbage from the relay: " + reader.error();
    co_return std::nullopt;
  }
  co_return reader.take();
}

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings s) : settings_(std::move(s)) {}
  std::string describe() const override {
    return "SMTP submission to " + settings_.host + ":" + settings_.port + " (STARTTLS)";
  }

  Delivery deliver(const std::string& from, const std::string& to,
                   const std::string& data) override {
    asio::io_context io;
    Delivery out{Delivery::Outcome::kFailed, "not attempted"};
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          auto done = co_await net::with_timeout(session(from, to, data), settings_.limit);
          out = done ? *done
                     : Delivery{Delivery::Outcome::kFailed,
                                "no complete SMTP dialogue within " +
                                    std::to_string(settings_.limit.count()) + " s"};
        },
        asio::detached);
    io.run();
    return out;
  }

 private:
  asio::awaitable<Delivery> session(std::string from, std::string to, std::string data) {
    using Outcome = Delivery::Outcome;
    auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    auto [rec, endpoints] = co_await resolver.async_resolve(settings_.host, settings_.port,
                                                            asio::as_tuple(asio::use_awaitable));
    if (rec)
      co_return Delivery{Outcome::kFailed,
                         "cannot resolve " + settings_.host + ": " + rec.message()};
    tcp::socket socket(executor);
    auto [cec, endpoint] =
        co_await asio::async_connect(socket, endpoints, asio::as_tuple(asio::use_awaitable));
    if (cec)
      co_return Delivery{Outcome::kFailed,
                         "cannot connect to " + settings_.host + ": " + cec.message()};
    auto dialogue = co_await mail::smtp::run_dialogue(socket, settings_.ehlo_name, true,
                                                      std::chrono::seconds(30));
    if (dialogue.end != mail::smtp::Dialogue::End::kReadyForTls) {
      co_return Delivery{Outcome::kFailed, "the relay did not start TLS (" + dialogue.describe() +
                                               "): Baseline does not submit notices in the clear"};
    }
    asio::ssl::context context(asio::ssl::context::tls_client);
    context.set_default_verify_paths();
    if (!settings_.ca_file.empty()) {
      boost::system::error_code ec;
      context.load_verify_file(settings_.ca_file, ec);
      if (ec) co_return Delivery{Outcome::kFailed, "cannot read " + settings_.ca_file};
    }
    context.set_verify_mode(asio::ssl::verify_peer);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    TlsStream tls(socket, context);
    boost::system::error_code not_an_address;
    asio::ip::make_address(settings_.host, not_an_address);
    if (not_an_address) {
      SSL_set_tlsext_host_name(tls.native_handle(), settings_.host.c_str());
      SSL_set1_host(tls.native_handle(), settings_.host.c_str());
    } else {  // a relay named by its address: the certificate must carry it as an IP SAN
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(tls.native_handle()), settings_.host.c_str());
    }
    auto [hec] = co_await tls.async_handshake(asio::ssl::stream_base::client,
                                              asio::as_tuple(asio::use_awaitable));
    if (hec) {
      co_return Delivery{Outcome::kFailed, "TLS with the relay failed: " + hec.message()};
    }
    mail::smtp::ReplyReader reader;
    std::string error;
    auto command = [&](std::string line) -> asio::awaitable<std::optional<mail::smtp::Reply>> {
      line += "\r\n";
      auto [wec, n] =
          co_await asio::async_write(tls, asio::buffer(line), asio::as_tuple(asio::use_awaitable));
      if (wec) {
        error = "the connection to the relay broke";
        co_return std::nullopt;
      }
      co_return co_await read_reply(tls, reader, error);
    };
    auto failed = [&](const std::string& step, const std::optional<mail::smtp::Reply>& reply,
                      bool recipient) {
      if (!reply) return Delivery{Outcome::kFailed, step + ": " + error};
      const auto outcome = recipient && reply->permanent() ? Outcome::kBounced : Outcome::kFailed;
      return Delivery{outcome, step + ": " + reply->text()};
    };
    auto ehlo = co_await command("EHLO " + settings_.ehlo_name);
    if (!ehlo || !ehlo->positive()) co_return failed("EHLO", ehlo, false);
    if (!settings_.user.empty()) {
      std::string plain;
      plain += '\0';
      plain += settings_.user;
      plain += '\0';
      plain += settings_.password;
      auto auth = co_await command("AUTH PLAIN " + base64(plain));
      if (!auth || auth->code != 235) co_return failed("AUTH", auth, false);
    }
    auto mail_from = co_await command("MAIL FROM:<" + from + ">");
    if (!mail_from || !mail_from->positive()) co_return failed("MAIL FROM", mail_from, false);
    auto rcpt = co_await command("RCPT TO:<" + to + ">");
    if (!rcpt || !rcpt->positive()) co_return failed("RCPT TO", rcpt, true);
    auto start = co_await command("DATA");
    if (!start || start->code != 354) co_return failed("DATA", start, false);
    std::string body = dot_stuffed(data);
    if (!body.ends_with("\r\n")) body += "\r\n";
    auto end = co_await command(body + ".");
    if (!end || !end->positive()) co_return failed("end of DATA", end, true);
    (void)co_await command("QUIT");
    co_return Delivery{Outcome::kSent, "relay: " + end->text()};
  }

  SmtpSettings settings_;
};

}  // namespace

std::unique_ptr<Transport> sendmail_transport(std::string path, std::chrono::seconds limit) {
  return std::make_unique<SendmailTransport>(std::move(path), limit);
}

std::unique_ptr<Transport> smtp_transport(SmtpSettings settings) {
  return std::make_unique<SmtpTransport>(std::move(settings));
}

std::string dot_stuffed(const std::string& data) {
  std::string out;
  out.reserve(data.size() + 16);
  bool line_start = true;
  for (char c : data) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  return out;
}

}  // namespace baseline::notices
