// SPDX-License-Identifier: Apache-2.0
// Routing data at full-table size: synthesises a RIB of about 1 M prefixes (MRT TABLE_DUMP_V2,
// plain and gzip) and a VRP set of about 500 k (validator JSON), then measures what a run of
// Baseline pays: load time, resident memory, and route origin validations per second.
//
//   build/bench/routing_bench [DIR]      (files go to DIR, default /tmp/baseline-routing-bench)
//
// The files are written by a child process, so the parent's peak RSS is that of loading and
// querying only. Targets (issue 5): load < 10 s, < 500 MB, >= 1 M validations/s.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "routing/rib_reader.h"
#include "routing/testing/mrt_writer.h"
#include "routing/vrp_json.h"

using namespace baseline::routing;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kIpv4Prefixes = 850'000;
constexpr std::size_t kIpv6Prefixes = 150'000;

struct SyntheticRoute {
  IpPrefix prefix;
  std::uint32_t origin;
};

// The same sequence every time (fixed seed): the parent regenerates the routes to query them.
class RouteSynthesiser {
 public:
  SyntheticRoute next(std::size_t index) {
    const bool v6 = index >= kIpv4Prefixes;
    std::uint8_t bytes[16] = {};
    int length;
    const auto r = random_();
    if (!v6) {
      const std::uint32_t address = static_cast<std::uint32_t>(r);
      const int pick = static_cast<int>((r >> 32) % 100);
      length = pick < 55   ? 24
               : pick < 75 ? 22 + pick % 2
               : pick < 90 ? 19 + pick % 3
                           : 16 + pick % 3;
      for (int i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(address >> (24 - 8 * i));
      bytes[0] = static_cast<std::uint8_t>(1 + bytes[0] % 223);  // unicast-looking first octet
    } else {
      const auto r2 = random_();
      bytes[0] = 0x20;
      bytes[1] = static_cast<std::uint8_t>(r);
      for (int i = 2; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(r2 >> (8 * i));
      const int pick = static_cast<int>((r >> 40) % 100);
      length = pick < 60 ? 48 : 32 + pick % 16;
    }
    auto prefix =
        IpPrefix::from_bytes(v6 ? IpFamily::kIpv6 : IpFamily::kIpv4, bytes, v6 ? 16 : 4, length);
    return {*prefix, static_cast<std::uint32_t>(64512 + (r >> 48) % 60000)};
  }
  std::mt19937_64& random() { return random_; }

 private:
  std::mt19937_64 random_{20261122};
};

void synthesise(const std::string& dir) {
  RouteSynthesiser routes;
  testing::MrtWriter mrt;
  mrt.peer_index_table({64496, 64497});
  std::ofstream vrps(dir + "/vrps.json");
  vrps << "{\"metadata\":{\"buildmachine\":\"routing_bench\"},\"roas\":[\n";
  std::mt19937_64 coin(7);
  std::size_t vrp_count = 0;
  for (std::size_t i = 0; i < kIpv4Prefixes + kIpv6Prefixes; ++i) {
    auto route = routes.next(i);
    const auto attrs = testing::origin_path({i % 2 ? 64497u : 64496u, 3356, route.origin});
    mrt.rib(route.prefix, {{0, attrs}, {1, attrs}});
    const auto roll = coin() % 100;
    if (roll < 50) {  // half of the routes have a ROA: mostly matching, some for another AS
      const int max_len = route.prefix.length() + (roll % 3 == 0 ? 2 : 0);
      vrps << (vrp_count++ ? ",\n" : "") << "{\"asn\":\"AS"
           << (roll < 45 ? route.origin : 65000 + roll) << "\",\"prefix\":\""
           << route.prefix.to_string()
           << "\",\"maxLength\":" << std::min(max_len, max_length(route.prefix.family()))
           << ",\"ta\":\"bench\"}";
    }
  }
  vrps << "\n]}\n";
  testing::write_file(dir + "/rib.mrt", mrt.bytes(), testing::WriteAs::kPlain);
  testing::write_file(dir + "/rib.mrt.gz", mrt.bytes(), testing::WriteAs::kGzip);
  std::printf("synthesised %zu RIB records (%.1f MB MRT), %zu VRP entries\n",
              kIpv4Prefixes + kIpv6Prefixes, static_cast<double>(mrt.bytes().size()) / 1e6,
              vrp_count);
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

long current_rss_kb() {
  long pages = 0, resident = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * sysconf(_SC_PAGESIZE) / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp/baseline-routing-bench";
  std::filesystem::create_directories(dir);
  const pid_t child = fork();
  if (child == 0) {
    synthesise(dir);
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;

  auto start = Clock::now();
  VrpSet vrps;
  auto vrp_stats = load_vrp_file(dir + "/vrps.json", vrps);
  if (!vrp_stats) {
    std::fprintf(stderr, "%s\n", vrp_stats.error().message.c_str());
    return 1;
  }
  const double vrp_seconds = seconds_since(start);

  start = Clock::now();
  RouteTable rib;
  auto rib_stats = load_rib_file(dir + "/rib.mrt.gz", rib);
  if (!rib_stats) {
    std::fprintf(stderr, "%s\n", rib_stats.error().message.c_str());
    return 1;
  }
  const double rib_gz_seconds = seconds_since(start);
  const long rss_after_load = current_rss_kb();
  const long peak_after_load = peak_rss_kb();

  start = Clock::now();
  RouteTable rib_plain;
  auto plain_stats = load_rib_file(dir + "/rib.mrt", rib_plain);
  const double rib_plain_seconds = seconds_since(start);
  (void)plain_stats;
  rib_plain = RouteTable();

  // RFC 6811 validation of every synthesised route, in random order (in table order the trie's
  // nodes would be visited in allocation order, which flatters the cache).
  RouteSynthesiser routes;
  std::vector<SyntheticRoute> queries;
  queries.reserve(kIpv4Prefixes + kIpv6Prefixes);
  for (std::size_t i = 0; i < kIpv4Prefixes + kIpv6Prefixes; ++i) queries.push_back(routes.next(i));
  std::shuffle(queries.begin(), queries.end(), std::mt19937_64(5));
  std::size_t counts[3] = {0, 0, 0};
  start = Clock::now();
  for (const auto& q : queries) ++counts[static_cast<int>(vrps.validity(q.prefix, q.origin))];
  const double validate_seconds = seconds_since(start);

  // What a check does per address: the most specific covering route, each origin validated.
  std::vector<IpPrefix> addresses;
  std::mt19937_64 random(99);
  for (std::size_t i = 0; i < 1'000'000; ++i) {
    const auto& q = queries[random() % queries.size()];
    auto bytes = q.prefix.bytes();
    bytes[q.prefix.family() == IpFamily::kIpv4 ? 3 : 15] ^= static_cast<std::uint8_t>(random());
    addresses.push_back(*IpPrefix::from_bytes(q.prefix.family(), bytes.data(),
                                              q.prefix.family() == IpFamily::kIpv4 ? 4 : 16,
                                              max_length(q.prefix.family())));
  }
  std::size_t announced = 0, valid = 0;
  start = Clock::now();
  for (const auto& a : addresses) {
    std::uint32_t origins[8];
    std::size_t n = 0;
    const int length = rib.most_specific(a, [&](std::uint32_t origin) {
      if (n < 8) origins[n++] = origin;
    });
    if (length < 0) continue;
    ++announced;
    const auto route = a.truncated(length);
    for (std::size_t i = 0; i < n; ++i)
      valid += vrps.validity(route, origins[i]) == RouteValidity::kValid;
  }
  const double address_seconds = seconds_since(start);

  std::printf("VRPs:  %zu entries, %zu distinct, loaded in %.2f s, trie %.1f MB\n",
              vrp_stats->entries, vrp_stats->vrps, vrp_seconds, vrps.memory_bytes() / 1e6);
  std::printf(
      "RIB:   %zu RIB entries, %zu prefixes, %zu routes; loaded in %.2f s (gzip), %.2f s (plain); "
      "trie %.1f MB\n",
      rib_stats->rib_entries, rib.prefix_count(), rib.route_count(), rib_gz_seconds,
      rib_plain_seconds, rib.memory_bytes() / 1e6);
  std::printf("load:  %.2f s for VRPs + gzip RIB (target < 10 s)\n", vrp_seconds + rib_gz_seconds);
  std::printf("RSS:   %.0f MB resident after loading both, peak %.0f MB (target < 500 MB)\n",
              rss_after_load / 1024.0, peak_after_load / 1024.0);
  std::printf(
      "ROV:   %zu route validations in %.3f s = %.2f M/s (valid %zu, invalid %zu, not-found %zu) "
      "(target >= 1 M/s)\n",
      queries.size(), validate_seconds, queries.size() / validate_seconds / 1e6, counts[0],
      counts[1], counts[2]);
  std::printf(
      "addr:  %zu address lookups (most specific route + ROV of its origins) in %.3f s = %.2f M/s "
      "(%zu announced)\n",
      addresses.size(), address_seconds, addresses.size() / address_seconds / 1e6, announced);
  std::printf("       of which %zu origins valid\n", valid);
  return 0;
}
