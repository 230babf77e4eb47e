// SPDX-License-Identifier: Apache-2.0
// Micro-benchmark of the DNS wire parser on a typical signed answer.
#include <benchmark/benchmark.h>

#include "dns/message.h"

namespace {

std::vector<std::uint8_t> sample_response() {
  // A query for example.lab SOA, answered with the question echoed and EDNS: enough to exercise
  // header, question, name decoding and OPT parsing.
  auto query = baseline::dns::build_query(0x1234, "www.example.lab", 1, {});
  auto wire = std::move(query).value();
  wire[2] |= 0x80;  // QR
  return wire;
}

void BM_ParseMessage(benchmark::State& state) {
  const auto wire = sample_response();
  for (auto _ : state) {
    auto parsed = baseline::dns::parse_message(wire);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
}
BENCHMARK(BM_ParseMessage);

}  // namespace
