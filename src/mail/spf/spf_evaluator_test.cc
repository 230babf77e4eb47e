// SPDX-License-Identifier: Apache-2.0
// The SPF evaluator reads the time of the %{t} macro (RFC 7208 §7.3) from the clock it is given.
#include "mail/spf/spf_evaluator.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::mail::spf {
namespace {
namespace t = dns::testing;
namespace rr_type = dns::rr_type;

TEST(SpfEvaluator, TheTimeMacroReadsTheInjectedClock) {
  t::FakeResolver resolver;
  resolver.add("example.nl", rr_type::kTxt,
               t::answer("example.nl", rr_type::kTxt,
                         {t::txt("example.nl", {"v=spf1 -all exp=why.example.nl"})}));
  resolver.add(
      "why.example.nl", rr_type::kTxt,
      t::answer("why.example.nl", rr_type::kTxt, {t::txt("why.example.nl", {"refused at %{t}"})}));
  const Transaction transaction{boost::asio::ip::make_address("192.0.2.7"), "someone@example.nl",
                                "mail.example.nl"};
  boost::asio::io_context io;
  for (std::int64_t now : {1'800'000'000LL, 1'800'086'400LL}) {
    Evaluator evaluator(resolver, core::fixed_wall_clock(now));
    auto outcome = t::run(io, evaluator.check_host(transaction));
    EXPECT_EQ(outcome.result, SpfResult::kFail);
    EXPECT_EQ(outcome.explanation, "refused at " + std::to_string(now));
  }
}

}  // namespace
}  // namespace baseline::mail::spf
