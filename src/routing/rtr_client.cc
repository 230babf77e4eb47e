// SPDX-License-Identifier: Apache-2.0
#include "routing/rtr_client.h"

extern "C" {
#include <rtrlib/rtrlib.h>
}

#include <unistd.h>

#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/file_handle.h"

namespace baseline::routing {

core::Result<RtrEndpoint> parse_rtr_endpoint(const std::string& text) {
  RtrEndpoint endpoint;
  std::size_t colon = std::string::npos;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return core::make_error("'" + text + "' is not [ADDRESS]:PORT");
    }
    endpoint.host = text.substr(1, close - 1);
    colon = close + 1;
  } else {
    colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) {
      return core::make_error("'" + text + "' is not HOST:PORT (write IPv6 as [ADDRESS]:PORT)");
    }
    endpoint.host = text.substr(0, colon);
  }
  endpoint.port = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, error] =
      std::from_chars(endpoint.port.data(), endpoint.port.data() + endpoint.port.size(), port);
  if (endpoint.host.empty() || error != std::errc() ||
      end != endpoint.port.data() + endpoint.port.size() || port == 0 || port > 65535) {
    return core::make_error("'" + text + "' is not HOST:PORT");
  }
  return endpoint;
}

namespace {

// What RTRlib's threads report, read by the waiting thread.
struct SessionWatch {
  std::mutex mutex;
  std::condition_variable changed;
  rtr_mgr_status status = RTR_MGR_CLOSED;
  rtr_socket_state socket_state = RTR_CLOSED;
  std::vector<std::string> history;  // socket states seen, in order (deduplicated)
  std::uint32_t session_id = 0;
  std::uint32_t serial = 0;
};

// Everything RTRlib points into. Shared with the thread that shuts the session down, which may
// outlive the fetch (see shut_down).
struct Session {
  std::string host;
  std::string port;
  tr_tcp_config tcp{};
  tr_socket transport{};
  rtr_socket socket{};
  rtr_socket* sockets[1] = {nullptr};
  rtr_mgr_group group{};
  rtr_mgr_config* config = nullptr;
  SessionWatch watch;
};

void on_status(const rtr_mgr_group*, rtr_mgr_status status, const rtr_socket* socket, void* data) {
  auto* watch = static_cast<SessionWatch*>(data);
  std::lock_guard lock(watch->mutex);
  watch->status = status;
  if (socket) {
    watch->socket_state = socket->state;
    std::string state = rtr_state_to_str(socket->state);
    if (watch->history.empty() || watch->history.back() != state) watch->history.push_back(state);
    if (status == RTR_MGR_ESTABLISHED) {
      watch->session_id = socket->session_id;
      watch->serial = socket->serial_number;
    }
  }
  watch->changed.notify_all();
}

void copy_record(const pfx_record* record, void* data) {
  auto* vrps = static_cast<std::vector<Vrp>*>(data);
  std::uint8_t bytes[16] = {};
  IpFamily family = IpFamily::kIpv4;
  if (record->prefix.ver == LRTR_IPV4) {
    const std::uint32_t a = record->prefix.u.addr4.addr;  // host order
    bytes[0] = static_cast<std::uint8_t>(a >> 24);
    bytes[1] = static_cast<std::uint8_t>(a >> 16);
    bytes[2] = static_cast<std::uint8_t>(a >> 8);
    bytes[3] = static_cast<std::uint8_t>(a);
  } else {
    family = IpFamily::kIpv6;
    for (int w = 0; w < 4; ++w) {
      const std::uint32_t a = record->prefix.u.addr6.addr[w];
      for (int b = 0; b < 4; ++b) bytes[w * 4 + b] = static_cast<std::uint8_t>(a >> (24 - 8 * b));
    }
  }
  auto prefix =
      IpPrefix::from_bytes(family, bytes, family == IpFamily::kIpv4 ? 4 : 16, record->min_len);
  if (!prefix || record->max_len < record->min_len || record->max_len > max_length(family)) return;
  vrps->push_back(Vrp{*prefix, record->max_len, record->asn});
}

std::string history_text(const SessionWatch& watch) {
  std::string out;
  for (const auto& s : watch.history) out += (out.empty() ? "" : " → ") + s;
  return out.empty() ? "no state change" : out;
}

// RTRlib 0.8 can deadlock in rtr_mgr_stop when the socket thread changes state at that moment
// (it waits for the manager's mutex that rtr_mgr_stop holds while joining it). The session is
// therefore stopped on a helper thread; if that does not finish within kStopTimeout, the run goes
// on and the stuck session (a thread and a socket) is left behind until the process exits.
constexpr auto kStopTimeout = std::chrono::seconds(3);
void shut_down(std::shared_ptr<Session> session) {
  auto done = std::make_shared<std::promise<void>>();
  auto stopped = done->get_future();
  std::thread([session, done] {
    rtr_mgr_stop(session->config);
    rtr_mgr_free(session->config);  // also frees the transport
    done->set_value();
  }).detach();
  stopped.wait_for(kStopTimeout);
}

// The one owner of a running RTRlib manager (rtr_mgr_config): on every way out of the fetch,
// exceptions included, it is stopped and freed (shut_down). Move-only.
class RunningManager {
 public:
  // rtr_mgr_init and rtr_mgr_start for `session`, whose transport is set up; when either fails,
  // nothing is left running or allocated.
  static core::Result<RunningManager> start(std::shared_ptr<Session> session,
                                            const std::string& where) {
    // refresh 30 s, expire 600 s, retry 30 s: the smallest RFC 8210 allows; a run is shorter.
    if (rtr_mgr_init(&session->config, &session->group, 1, 30, 600, 30, nullptr, nullptr, on_status,
                     &session->watch) != RTR_SUCCESS) {
      if (session->transport.free_fp) session->transport.free_fp(&session->transport);
      return core::make_error(where + ": RTRlib could not be initialised");
    }
    if (rtr_mgr_start(session->config) != RTR_SUCCESS) {
      rtr_mgr_free(session->config);  // also frees the transport
      return core::make_error(where + ": RTRlib could not start the session");
    }
    return RunningManager(std::move(session));
  }
  RunningManager(RunningManager&&) noexcept = default;
  RunningManager& operator=(RunningManager&&) = delete;
  RunningManager(const RunningManager&) = delete;
  RunningManager& operator=(const RunningManager&) = delete;
  ~RunningManager() { stop(); }

  pfx_table* table() const { return session_->config->pfx_table; }
  // Stops and frees the manager now (at most kStopTimeout); then this owns nothing.
  void stop() {
    if (session_) shut_down(std::move(session_));
    session_.reset();
  }

 private:
  explicit RunningManager(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  std::shared_ptr<Session> session_;
};

// RTRlib as packaged writes its debug log to stderr. While a session runs, fd 2 goes to a
// temporary file instead, whose last line explains a failure.
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()) {
    if (!file_) return;
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    if (saved_ < 0 || dup2(fileno(file_.get()), STDERR_FILENO) < 0) restore();
  }
  ~StderrCapture() { restore(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  void restore() {
    if (saved_ >= 0) {
      std::fflush(stderr);
      dup2(saved_, STDERR_FILENO);
      close(saved_);
      saved_ = -1;
    }
  }
  // The last log line that reports a problem, without RTRlib's timestamp.
  std::string last_complaint() {
    if (!file_) return "";
    std::fflush(stderr);
    std::rewind(file_.get());
    std::string found;
    char line[512];
    while (std::fgets(line, sizeof line, file_.get())) {
      std::string text = line;
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      if (auto close = text.find("): "); text.rfind('(', 0) == 0 && close != std::string::npos) {
        text = text.substr(close + 3);
      }
      for (const char* word :
           {"rror", "fail", "refused", "closed", "Received", "invalid", "Invalid"}) {
        if (text.find(word) != std::string::npos) {
          found = text;
          break;
        }
      }
    }
    return found;
  }

 private:
  core::FileHandle file_;
  int saved_ = -1;
};

}  // namespace

core::Result<RtrStats> fetch_rtr_vrps(const RtrEndpoint& endpoint,
                                      std::chrono::milliseconds timeout, VrpSet& into) {
  const auto started = std::chrono::steady_clock::now();
  const std::string where = "RTR " + endpoint.host + ":" + endpoint.port;
  StderrCapture log;
  auto session = std::make_shared<Session>();
  session->host = endpoint.host;
  session->port = endpoint.port;
  session->tcp.host = session->host.data();
  session->tcp.port = session->port.data();
  session->tcp.connect_timeout =
      static_cast<unsigned>(std::max<long>(1, static_cast<long>(timeout.count() / 1000)));
  if (tr_tcp_init(&session->tcp, &session->transport) != TR_SUCCESS) {
    return core::make_error(where + ": cannot set up the TCP transport");
  }
  session->socket.tr_socket = &session->transport;
  session->sockets[0] = &session->socket;
  session->group.sockets = session->sockets;
  session->group.sockets_len = 1;
  session->group.preference = 1;

  SessionWatch& watch = session->watch;
  auto manager = RunningManager::start(session, where);
  if (!manager) return manager.error();

  bool in_sync = false;
  std::string failure;
  RtrStats stats;
  {
    std::unique_lock lock(watch.mutex);
    const auto deadline = started + timeout;
    for (;;) {
      if (watch.status == RTR_MGR_ESTABLISHED) {
        in_sync = true;
        stats.session_id = watch.session_id;
        stats.serial = watch.serial;
        break;
      }
      if (watch.status == RTR_MGR_ERROR) {
        failure = "the session failed in state " +
                  std::string(rtr_state_to_str(watch.socket_state)) +
                  " (states: " + history_text(watch) + ")";
        break;
      }
      if (watch.changed.wait_until(lock, deadline) == std::cv_status::timeout &&
          watch.status != RTR_MGR_ESTABLISHED) {
        failure = "no complete VRP set within " + std::to_string(timeout.count()) +
                  " ms; session state " + rtr_state_to_str(watch.socket_state) +
                  " (states: " + history_text(watch) + ")";
        break;
      }
    }
  }
  std::vector<Vrp> vrps;
  if (in_sync) {
    pfx_table_for_each_ipv4_record(manager->table(), copy_record, &vrps);
    pfx_table_for_each_ipv6_record(manager->table(), copy_record, &vrps);
  }
  const auto complaint = in_sync ? std::string() : log.last_complaint();
  manager->stop();
  if (!in_sync) {
    return core::make_error(where + ": " + failure +
                            (complaint.empty() ? "" : "; RTRlib: " + complaint));
  }
  for (const auto& v : vrps) into.add(v);
  into.shrink_to_fit();
  stats.vrps = into.size();
  stats.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return stats;
}

}  // namespace baseline::routing
