// SPDX-License-Identifier: Apache-2.0
#include "mail/smtp/testing/fake_smtp_server.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>

#include "tls/testing/tls_server.h"

namespace baseline::mail::smtp::testing {

namespace {

void say(int fd, const std::string& text) {
  ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// One command line, read a byte at a time so that nothing after it (a ClientHello after
// STARTTLS) is taken from the socket. Empty when the client closed or went silent.
std::string read_line(int fd) {
  std::string line;
  char c = 0;
  while (line.size() < 1024 && ::recv(fd, &c, 1, 0) == 1) {
    line.push_back(c);
    if (c == '\n') return line;
  }
  return "";
}

// Until the client hangs up (or the socket's timeout), so that the connection counts as open
// for as long as the client keeps it.
void drain(int fd) {
  char sink[256];
  while (::recv(fd, sink, sizeof sink, 0) > 0) {
  }
}

// The client's first TLS bytes: what goes wrong after STARTTLS answers them, as a server would.
void await_client_hello(int fd) {
  char hello[512];
  ::recv(fd, hello, sizeof hello, 0);
}

std::string verb(const std::string& line) {
  std::string out = line.substr(0, std::min<std::size_t>(line.find_first_of(" \r\n"), 8));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

}  // namespace

FakeSmtpServer::FakeSmtpServer(SmtpBehaviour behaviour, SSL_CTX* tls,
                               std::vector<std::string> addresses)
    : behaviour_(std::move(behaviour)),
      tls_(tls),
      server_([this](int fd) { session(fd); }, std::move(addresses)) {}

void FakeSmtpServer::session(int fd) {
  const int number = ++sessions_;
  if (behaviour_.banner_delay.count() > 0) {
    // A client that gives up (or the server stopping) ends the wait.
    pollfd wait{fd, POLLIN, 0};
    if (::poll(&wait, 1, static_cast<int>(behaviour_.banner_delay.count())) != 0) return;
  }
  if (behaviour_.refuse && behaviour_.refuse(number)) {
    ++refusals_;
    say(fd, behaviour_.refusal + "\r\n");
    drain(fd);
    return;
  }
  const std::string& host = behaviour_.host;
  say(fd, "220 " + host + " ESMTP Baseline test server\r\n");
  for (;;) {
    const std::string line = read_line(fd);
    if (line.empty()) return;
    const std::string command = verb(line);
    if (command == "EHLO") {
      say(fd, "250-" + host + " greets you\r\n250-PIPELINING\r\n" +
                  (behaviour_.offer_starttls ? "250-STARTTLS\r\n" : "") + "250 8BITMIME\r\n");
    } else if (command == "HELO") {
      say(fd, "250 " + host + "\r\n");
    } else if (command == "STARTTLS" && behaviour_.offer_starttls) {
      ++starttls_accepted_;
      say(fd, "220 2.0.0 Ready to start TLS\r\n");
      switch (behaviour_.after_starttls) {
        case SmtpBehaviour::AfterStartTls::kTls:
          tls::testing::serve_tls(fd, tls_, [this]() { ++tls_handshakes_; });
          return;
        case SmtpBehaviour::AfterStartTls::kGarbage:
          await_client_hello(fd);
          say(fd, "this is not TLS, this is a mail server gone wrong\r\n");
          drain(fd);
          return;
        case SmtpBehaviour::AfterStartTls::kHangUp:
          await_client_hello(fd);
          return;
      }
    } else if (command == "QUIT") {
      say(fd, "221 2.0.0 " + host + " closing\r\n");
      return;
    } else {
      say(fd, "502 5.5.1 command not implemented\r\n");
    }
  }
}

}  // namespace baseline::mail::smtp::testing
