# SPDX-License-Identifier: Apache-2.0
"""The generator: topology + scenarios -> signed zone files and the files in run/.

Zones form a tree (root, TLDs, hoster.lab, scenario zones). Each child is
signed before its parent, so the parent's delegation can carry the child's
NS, DS and glue. Host addresses go into the closest enclosing zone.
"""
import json
import os
import shlex
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from . import dnssec, mailbox, paths, routing
from .names import depth, file_stem, is_under, plain
from .scenarios import Scenario
from .topology import ConfigError, Topology
from .zones import ZoneSpec, render


@dataclass(frozen=True)
class Built:
    zones: dict[str, ZoneSpec]          # by apex
    zone_files: dict[str, str]          # the file a server loads, by apex


def collect_zones(topology: Topology, scenarios: list[Scenario]) -> dict[str, ZoneSpec]:
    zones = {}
    for apex, table in topology.zones.items():
        where = f"topology.toml [zones.{plain(apex)!r}]"
        zones[apex] = ZoneSpec.parse({**table, "apex": apex}, where, topology.hosts)
    for s in scenarios:
        if s.zone.apex in zones:
            raise ConfigError(f"{s.zone.source}: zone {plain(s.zone.apex)} is already defined by {zones[s.zone.apex].source}")
        zones[s.zone.apex] = s.zone
    if "." not in zones:
        raise ConfigError("topology.toml: no root zone [zones.\".\"]")
    return zones


def closest_zone(name: str, zones: dict) -> str:
    return max((apex for apex in zones if is_under(name, apex)), key=depth)


def parent_zone(apex: str, zones: dict) -> str:
    parent = apex.split(".", 1)[1] or "."
    return closest_zone(parent, zones)


def _glue(apex: str, zones: dict, children: list[str], topology: Topology) -> list:
    """Addresses this zone must carry for names that sit below one of its cuts:
    a child's in-bailiwick name servers, and its own apex servers if occluded."""
    needed = []
    for child in children:
        needed += [ns for ns in zones[child].name_servers if is_under(ns, child)]
    needed += [ns for ns in zones[apex].name_servers
               if is_under(ns, apex) and closest_zone(ns, zones) != apex]
    return [topology.hosts[ns] for ns in dict.fromkeys(needed)]


def build(topology: Topology, scenarios: list[Scenario], now: float) -> Built:
    zones = collect_zones(topology, scenarios)
    children = {apex: [] for apex in zones}
    for apex in zones:
        if apex != ".":
            children[parent_zone(apex, zones)].append(apex)
    hosts_here = {apex: [] for apex in zones}
    for host in topology.hosts.values():
        hosts_here[closest_zone(host.name, zones)].append(host)

    shutil.rmtree(paths.ZONES_DIR, ignore_errors=True)
    paths.ZONES_DIR.mkdir(parents=True)
    ds: dict[str, tuple[str, ...]] = {}
    zone_files: dict[str, str] = {}

    def make(apex: str) -> None:
        zone = zones[apex]
        delegations = [zones[c].delegation(ds[c]) for c in sorted(children[apex])]
        text = render(zone, int(now), hosts_here[apex], delegations,
                      _glue(apex, zones, children[apex], topology))
        unsigned = paths.ZONES_DIR / f"{file_stem(apex)}.zone"
        unsigned.write_text(text)
        if not zone.signing.signed:
            ds[apex], zone_files[apex] = (), str(unsigned)
            return
        keys = dnssec.keys_for(apex, zone.signing)
        signed = paths.ZONES_DIR / f"{file_stem(apex)}.signed"
        dnssec.sign(unsigned, signed, apex, keys, zone.signing, now)
        ds[apex], zone_files[apex] = dnssec.ds_records(keys, zone.signing), str(signed)

    # Deepest zones first; zones of equal depth are independent, so sign them in parallel.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for level in sorted({depth(a) for a in zones}, reverse=True):
            list(pool.map(make, [a for a in zones if depth(a) == level]))

    _write_root_files(topology, zones["."], ds["."])
    _write_scenario_files(scenarios, zones)
    specs = [routing.RoutingSpec.parse(topology.routing or {}, "topology.toml")]
    routing_env = routing.write_files(specs + [s.routing for s in scenarios], now)
    _write_env(topology, routing_env)
    return Built(zones, zone_files)


def _write_root_files(topology: Topology, root: ZoneSpec, root_ds: tuple[str, ...]) -> None:
    hints = ["; lab root hints: use instead of the Internet's (unbound root-hints:)"]
    for ns in root.name_servers:
        hints.append(f".\t3600000\tNS\t{ns}")
        host = topology.hosts[ns]
        if host.ipv4:
            hints.append(f"{ns}\t3600000\tA\t{host.ipv4}")
        if host.ipv6:
            hints.append(f"{ns}\t3600000\tAAAA\t{host.ipv6}")
    (paths.RUN_DIR / "root.hints").write_text("\n".join(hints) + "\n")
    anchor = ["; lab root trust anchor (unbound trust-anchor-file:, ub_ctx_add_ta_file)"]
    (paths.RUN_DIR / "root.key").write_text("\n".join(anchor + list(root_ds)) + "\n")


def _write_scenario_files(scenarios: list[Scenario], zones: dict) -> None:
    expectations = {s.domain: s.expect for s in sorted(scenarios, key=lambda s: s.domain)}
    (paths.RUN_DIR / "expectations.json").write_text(json.dumps(expectations, indent=2) + "\n")
    catalogue = {
        s.domain: {
            "scenario": str(s.file.relative_to(paths.LAB_DIR)),
            "description": s.description,
            "zone": plain(s.zone.apex),
            "name_servers": [plain(n) for n in s.zone.name_servers],
        }
        for s in sorted(scenarios, key=lambda s: s.domain)
    }
    (paths.RUN_DIR / "scenarios.json").write_text(json.dumps(catalogue, indent=2) + "\n")
    names = [n for apex in sorted(zones) for n in zones[apex].benchmark_names()]
    (paths.RUN_DIR / "names.txt").write_text("".join(f"{n}\n" for n in names))
    (paths.RUN_DIR / "names.dnsperf").write_text("".join(f"{n} A\n" for n in names))


def _write_env(topology: Topology, extra: dict[str, str]) -> None:
    (paths.RUN_DIR / "resolver").write_text(topology.resolver_ipv4 + "\n")
    env = {
        "BASELINE_LAB_NS": paths.namespace(),
        "LAB_ROOT_HINTS": paths.RUN_DIR / "root.hints",
        "LAB_TRUST_ANCHOR": paths.RUN_DIR / "root.key",
        "LAB_RESOLVER": topology.resolver_ipv4,
        "LAB_RESOLVER6": topology.resolver_ipv6,
        "LAB_EXPECTATIONS": paths.RUN_DIR / "expectations.json",
        "LAB_NAMES": paths.RUN_DIR / "names.txt",
        **extra,
        "LAB_CA_FILE": paths.RUN_DIR / "lab-ca.pem",
        **mailbox.env(),
    }
    rtr = [h for h in topology.hosts.values() if topology.servers.get(h.server) == "stayrtr"]
    if rtr:  # the RTR cache: stayrtr serving run/routing/vrps.json
        env["LAB_RTR"] = f"{rtr[0].ipv4}:{routing.RTR_PORT}"
    (paths.RUN_DIR / "env").write_text("".join(f"{k}={shlex.quote(str(v))}\n" for k, v in env.items()))
