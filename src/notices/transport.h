// SPDX-License-Identifier: Apache-2.0
// How a notice leaves: the local mail system's sendmail interface (`sendmail -t -oi -f SENDER`,
// recipients from the message's To:), or SMTP submission (RFC 6409) to a relay that must offer
// STARTTLS with a certificate valid for its name — Baseline never submits in the clear.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace baseline::notices {

struct Delivery {
  enum class Outcome {
    kSent,     // accepted by the mail system
    kBounced,  // refused for good (unknown user, 5xx to RCPT): not tried again
    kFailed,   // could not hand it over now (4xx, the relay down): tried again on the next run
  };
  Outcome outcome = Outcome::kFailed;
  std::string detail;  // one line: the server's reply or sendmail's complaint
};

class Transport {
 public:
  virtual ~Transport() = default;
  // `data`: the whole message with CRLF line ends; `from`, `to`: checked addresses.
  virtual Delivery deliver(const std::string& from, const std::string& to,
                           const std::string& data) = 0;
  virtual std::string describe() const = 0;
};

// `path`: the sendmail program (default /usr/sbin/sendmail). It gets LF line ends.
std::unique_ptr<Transport> sendmail_transport(
    std::string path, std::chrono::seconds limit = std::chrono::seconds(60));

struct SmtpSettings {
  std::string host;  // the relay's name (the certificate must be valid for it)
  std::string port = "587";
  std::string ehlo_name = "localhost";
  std::string user;      // AUTH PLAIN when not empty
  std::string password;  // from the environment (BASELINE_SMTP_PASSWORD), never the command line
  std::string ca_file;   // also trust this CA (PEM); the system store stays on
  std::chrono::seconds limit{60};  // the whole dialogue for one message
};
std::unique_ptr<Transport> smtp_transport(SmtpSettings settings);

// SMTP DATA transparency (RFC 5321 4.5.2): a line starting with "." gets another one.
std::string dot_stuffed(const std::string& data);

}  // namespace baseline::notices
