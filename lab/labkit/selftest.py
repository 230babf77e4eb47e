# SPDX-License-Identifier: Apache-2.0
"""lab/selftest: does the running lab behave as the scenarios' expectations say?

Not Baseline's checks, only the facts they rest on, asked with dig inside
the namespace:
  dns.dnssec.valid      the lab resolver's answer for DOMAIN SOA: AD set
                        (pass), NOERROR without AD or SERVFAIL with a DNSSEC
                        EDE (fail), SERVFAIL otherwise (error)
  dns.ns.ipv6           how many name servers have an AAAA
  dns.ns.ipv4/6_reach   does every NS address answer the zone's SOA itself
  dns.dnssec.nsec3      the zone's NSEC3PARAM as its name server serves it
Checks expected to be `error` are only covered by the first line.
"""
import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

from . import netns, paths, topology

DNSSEC_EDE = set(range(1, 13))   # RFC 8914 codes 1-12 are DNSSEC failures


def _dig(args: list[str]) -> str:
    ns = paths.namespace()
    return subprocess.run(netns.command(ns, ["dig", *args]), capture_output=True, text=True).stdout


def resolver_verdict(resolver: str, domain: str) -> tuple[str, str]:
    out = _dig([f"@{resolver}", domain, "SOA", "+dnssec", "+time=45", "+tries=1"])
    status = re.search(r"status: (\w+)", out)
    flags = re.search(r"flags:([^;]*);", out)
    ede = [int(c) for c in re.findall(r"EDE: (\d+)", out)]
    shown = f"{status.group(1) if status else 'timeout'} flags[{flags.group(1).strip() if flags else ''}] ede{ede}"
    if not status:
        return "error", shown
    if status.group(1) == "NOERROR":
        return ("pass" if "ad" in flags.group(1).split() else "fail"), shown
    if status.group(1) == "SERVFAIL" and DNSSEC_EDE & set(ede):
        return "fail", shown
    return "error", shown


def answers(address: str, zone: str) -> bool:
    out = _dig([f"@{address}", zone, "SOA", "+norec", "+time=2", "+tries=1"])
    return "status: NOERROR" in out and re.search(r"flags:[^;]*\baa\b", out) is not None


def nsec3_verdict(address: str, zone: str) -> str:
    out = _dig([f"@{address}", zone, "NSEC3PARAM", "+norec", "+short", "+time=2", "+tries=1"]).split()
    if len(out) < 4:
        return "pass"  # NSEC
    iterations, salt = int(out[2]), out[3]
    return "fail" if iterations > 100 else "warn" if iterations or salt != "-" else "pass"


def reach_verdict(addresses: list[str], zone: str) -> str:
    if not addresses:
        return "not_applicable"
    return "pass" if all(answers(a, zone) for a in addresses) else "fail"


def check_domain(domain: str, info: dict, expect: dict, topo, resolver: str) -> list[str]:
    seen = {}
    seen["dns.dnssec.valid"], shown = resolver_verdict(resolver, domain)
    if expect["dns.dnssec.valid"] != "error":
        hosts = [topo.hosts[n + "."] for n in info["name_servers"]]
        zone = info["zone"]
        seen["dns.ns.ipv6"] = "pass" if sum(1 for h in hosts if h.ipv6) >= 2 else "fail"
        seen["dns.ns.ipv6_reach"] = reach_verdict([h.ipv6 for h in hosts if h.ipv6], zone)
        seen["dns.ns.ipv4_reach"] = reach_verdict([h.ipv4 for h in hosts if h.ipv4], zone)
        if expect["dns.dnssec.nsec3"] in ("pass", "warn", "fail"):
            seen["dns.dnssec.nsec3"] = nsec3_verdict(hosts[0].ipv4 or hosts[0].ipv6, zone)
    wrong = [f"{c}: expected {expect[c]}, lab gives {v}" for c, v in seen.items() if expect[c] != v]
    line = f"{'ok ' if not wrong else 'BAD'} {domain:<28} {shown}"
    return [line] + [f"      {w}" for w in wrong]


def run() -> int:
    if not netns.exists(paths.namespace()):
        print("lab is not up: run lab/up first")
        return 1
    topo = topology.load()
    expectations = json.loads((paths.RUN_DIR / "expectations.json").read_text())
    catalogue = json.loads((paths.RUN_DIR / "scenarios.json").read_text())
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(
            lambda d: check_domain(d, catalogue[d], expectations[d], topo, topo.resolver_ipv4),
            sorted(expectations)))
    bad = 0
    for lines in results:
        print("\n".join(lines))
        bad += len(lines) > 1
    print(f"{len(results) - bad}/{len(results)} scenario domains as expected")
    return 1 if bad else 0
