// SPDX-License-Identifier: Apache-2.0
#include "dns/unbound_resolver.h"

#include <unbound.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>

#include "core/file_handle.h"
#include "core/parse_number.h"

namespace baseline::dns {
namespace asio = boost::asio;
using core::Error;
using core::make_error;
using core::Result;

namespace {

// The IANA root zone trust anchors (KSK-2017 and KSK-2024), as published in root-anchors.xml.
constexpr const char* kRootAnchors[] = {
    ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
    ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
};

struct UbCtxFree {
  void operator()(ub_ctx* ctx) const { ub_ctx_delete(ctx); }
};
using UbCtxPtr = std::unique_ptr<ub_ctx, UbCtxFree>;

Result<bool> set_option(ub_ctx* ctx, const char* option, const std::string& value) {
  int rc = ub_ctx_set_option(ctx, option, value.c_str());
  if (rc != 0) {
    return make_error(std::string("libunbound option ") + option + " " + value + ": " +
                      ub_strerror(rc));
  }
  return true;
}

}  // namespace

class UnboundResolver::Context {
 public:
  Context(asio::any_io_executor executor, UbCtxPtr ctx, bool validating)
      : ctx_(std::move(ctx)), watch_(executor, ub_fd(ctx_.get())), validating_(validating) {}

  ~Context() {
    // The descriptor belongs to libunbound: stop watching it without closing it.
    boost::system::error_code ignored;
    watch_.cancel(ignored);
    watch_.release();
  }

  asio::awaitable<Result<Answer>> resolve(const std::string& name, std::uint16_t type,
                                          std::chrono::milliseconds timeout) {
    Pending pending{std::nullopt, asio::steady_timer(co_await asio::this_coro::executor, timeout),
                    0, validating_};
    int rc = ub_resolve_async(ctx_.get(), name.c_str(), type, 1, &pending, &Context::on_result,
                              &pending.async_id);
    if (rc != 0) co_return make_error(std::string("libunbound: ") + ub_strerror(rc));
    ++in_flight_;
    watch();
    // The timer doubles as the completion event: on_result cancels it.
    auto [ec] = co_await pending.done.async_wait(asio::as_tuple(asio::use_awaitable));
    lookup_finished();
    if (pending.outcome) co_return std::move(*pending.outcome);
    ub_cancel(ctx_.get(), pending.async_id);  // after this, on_result is never called for it
    if (ec) co_return make_error("lookup cancelled");
    co_return make_error("no answer within " + std::to_string(timeout.count()) + " ms");
  }

 private:
  struct Pending {
    std::optional<Result<Answer>> outcome;
    asio::steady_timer done;
    int async_id;
    bool validating;
  };

  static void on_result(void* data, int err, ub_result* raw) {
    auto* pending = static_cast<Pending*>(data);
    std::unique_ptr<ub_result, decltype(&ub_resolve_free)> result(raw, &ub_resolve_free);
    pending->outcome = convert(err, result.get(), pending->validating);
    pending->done.cancel();
  }

  static Result<Answer> convert(int err, const ub_result* result, bool validating) {
    if (err != 0 || result == nullptr) {
      return make_error(std::string("libunbound: ") + ub_strerror(err));
    }
    Answer answer;
    answer.rcode = static_cast<std::uint16_t>(result->rcode);
    if (result->answer_packet != nullptr && result->answer_len > 0) {
      std::span<const std::uint8_t> wire(static_cast<const std::uint8_t*>(result->answer_packet),
                                         static_cast<std::size_t>(result->answer_len));
      auto parsed = parse_message(wire);
      if (!parsed.ok()) return make_error("unparsable answer: " + parsed.error().message);
      answer.message = std::move(parsed).value();
    }
    if (!validating) {
      answer.security = Security::kIndeterminate;
    } else if (result->secure != 0) {
      answer.security = Security::kSecure;
    } else if (result->bogus != 0) {
      answer.security = Security::kBogus;
      answer.why_bogus = result->why_bogus != nullptr ? result->why_bogus : "validation failed";
    } else {
      answer.security = Security::kInsecure;
    }
    return answer;
  }

  // Keeps one wait on the descriptor outstanding while lookups are in flight, and none otherwise
  // (an idle wait would keep the event loop running forever). Asio's epoll is edge-triggered, so
  // results that arrived since the last ub_process are picked up with ub_poll before waiting.
  void watch() {
    if (watching_ || in_flight_ == 0) return;
    watching_ = true;
    auto on_ready = [this](const boost::system::error_code& ec) {
      watching_ = false;
      if (!ec) ub_process(ctx_.get());
      watch();  // also after a cancel: a lookup may have started while the cancel was pending
    };
    if (ub_poll(ctx_.get()) != 0) {
      asio::post(watch_.get_executor(), [on_ready] { on_ready({}); });
    } else {
      watch_.async_wait(asio::posix::stream_descriptor::wait_read, on_ready);
    }
  }

  void lookup_finished() {
    --in_flight_;
    if (in_flight_ == 0 && watching_) {
      boost::system::error_code ignored;
      watch_.cancel(ignored);
    }
  }

  UbCtxPtr ctx_;
  asio::posix::stream_descriptor watch_;
  bool validating_;
  bool watching_ = false;
  int in_flight_ = 0;
};

namespace {

Result<UbCtxPtr> make_context(const UnboundConfig& config, bool validating) {
  UbCtxPtr ctx(ub_ctx_create());
  if (!ctx) return make_error("libunbound: cannot create a context");
  // Quiet: libunbound's log would go to stderr and mix with the report.
  // BASELINE_UNBOUND_VERBOSITY=1..5 shows libunbound's own log on stderr, for diagnosing.
  static const core::FileHandle dev_null = core::open_file("/dev/null", "w");
  const char* verbosity = std::getenv("BASELINE_UNBOUND_VERBOSITY");
  if (verbosity != nullptr) {
    ub_ctx_debugout(ctx.get(), stderr);
    ub_ctx_debuglevel(ctx.get(), core::parse_decimal<int>(verbosity).value_or(0));
  } else {
    if (dev_null) ub_ctx_debugout(ctx.get(), dev_null.get());
    ub_ctx_debuglevel(ctx.get(), 0);
  }
  if (int rc = ub_ctx_async(ctx.get(), 1); rc != 0) {
    return make_error(std::string("libunbound async: ") + ub_strerror(rc));
  }
  for (auto [option, value] :
       {std::pair{"num-queries-per-thread:", "4096"}, std::pair{"outgoing-range:", "8192"},
        std::pair{"val-log-level:", "2"}, std::pair{"use-syslog:", "no"}}) {
    if (auto ok = set_option(ctx.get(), option, value); !ok) return ok.error();
  }
  if (!config.root_hints_file.empty()) {
    if (auto ok = set_option(ctx.get(), "root-hints:", config.root_hints_file); !ok) {
      return ok.error();
    }
  }
  if (validating) {
    if (!config.trust_anchor_file.empty()) {
      if (int rc = ub_ctx_add_ta_file(ctx.get(), config.trust_anchor_file.c_str()); rc != 0) {
        return make_error("trust anchor " + config.trust_anchor_file + ": " + ub_strerror(rc));
      }
    } else {
      for (const char* anchor : kRootAnchors) {
        if (int rc = ub_ctx_add_ta(ctx.get(), anchor); rc != 0) {
          return make_error(std::string("built-in trust anchor: ") + ub_strerror(rc));
        }
      }
    }
  }
  return ctx;
}

}  // namespace

Result<std::unique_ptr<UnboundResolver>> UnboundResolver::create(asio::any_io_executor executor,
                                                                 const UnboundConfig& config) {
  auto validating = make_context(config, true);
  if (!validating) return validating.error();
  auto plain = make_context(config, false);
  if (!plain) return plain.error();
  auto validating_ctx = std::make_unique<Context>(executor, std::move(validating).value(), true);
  auto plain_ctx = std::make_unique<Context>(executor, std::move(plain).value(), false);
  return std::unique_ptr<UnboundResolver>(
      new UnboundResolver(std::move(validating_ctx), std::move(plain_ctx), config.lookup_timeout));
}

UnboundResolver::UnboundResolver(std::unique_ptr<Context> validating,
                                 std::unique_ptr<Context> plain, std::chrono::milliseconds timeout)
    : validating_(std::move(validating)), plain_(std::move(plain)), timeout_(timeout) {}

UnboundResolver::~UnboundResolver() = default;

asio::awaitable<Result<Answer>> UnboundResolver::lookup(std::string name, std::uint16_t type,
                                                        LookupOptions options) {
  Context& context = options.validate ? *validating_ : *plain_;
  // A named local, not a temporary: GCC 12 mishandles temporaries inside co_await expressions.
  std::string query_name = name.empty() ? std::string(".") : std::move(name);
  auto answer = co_await context.resolve(query_name, type, timeout_);
  co_return answer;
}

}  // namespace baseline::dns
