# SPDX-License-Identifier: Apache-2.0
"""One zone as described in a [zone] table, and its zone-file text.

Schema (every key optional unless noted; scenario defaults live in
scenarios/defaults.toml):
  apex          the zone's name (scenarios: defaults to the scenario's domain)
  name_servers  host names from topology.toml [hosts]
  caa           CAA rdata strings for the apex, e.g. '0 issue "ca.lab"'
  records       zone-file lines relative to the apex, e.g. "www A 198.18.10.1"
  ttl           default TTL (300)
  [dnssec]      algorithm ("none" = unsigned), key_bits (RSA), ds_digests,
                ds ("match" | "mismatch"), denial ("nsec" | "nsec3"),
                nsec3_iterations, nsec3_salt (hex, "" = none),
                signatures ("fresh" | "expired")
  [bulk]        count, owner (format with {n}), record, benchmark (list in names.txt),
                count_env (an environment variable that overrides count when set),
                profiles (lists of records relative to each owner, "@" = the owner,
                used in turn: owner n gets profiles[n % len(profiles)])
In caa and records, "{apex}" stands for the zone's name.
"""
import os
from dataclasses import dataclass, field

from .names import fqdn, plain
from .topology import ConfigError, Host

# DNSSEC algorithm mnemonics ldns-keygen accepts, with their numbers.
ALGORITHMS = {
    "RSASHA1": 5, "RSASHA1-NSEC3-SHA1": 7, "RSASHA256": 8, "RSASHA512": 10,
    "ECDSAP256SHA256": 13, "ECDSAP384SHA384": 14, "ED25519": 15, "ED448": 16,
}
DS_DIGESTS = (1, 2, 4)


def _check_keys(table: dict, allowed: set, where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


@dataclass(frozen=True)
class Signing:
    algorithm: str = "ECDSAP256SHA256"
    key_bits: int | None = None
    ds_digests: tuple[int, ...] = (2,)
    ds: str = "match"
    denial: str = "nsec"
    nsec3_iterations: int = 0
    nsec3_salt: str = ""
    signatures: str = "fresh"

    @property
    def signed(self) -> bool:
        return self.algorithm != "none"

    @property
    def is_rsa(self) -> bool:
        return self.algorithm.startswith("RSA")

    @staticmethod
    def parse(table: dict, where: str) -> "Signing":
        _check_keys(table, set(Signing.__dataclass_fields__), where)
        s = Signing(**{**table, "ds_digests": tuple(table.get("ds_digests", (2,)))})
        if s.algorithm != "none" and s.algorithm not in ALGORITHMS:
            raise ConfigError(f"{where}: algorithm must be 'none' or one of {sorted(ALGORITHMS)}")
        if s.is_rsa and not s.key_bits:
            raise ConfigError(f"{where}: RSA needs key_bits")
        if not set(s.ds_digests) <= set(DS_DIGESTS) or not s.ds_digests:
            raise ConfigError(f"{where}: ds_digests must be a non-empty subset of {DS_DIGESTS}")
        choices = {"ds": ("match", "mismatch"), "denial": ("nsec", "nsec3"),
                   "signatures": ("fresh", "expired")}
        for key, allowed in choices.items():
            if getattr(s, key) not in allowed:
                raise ConfigError(f"{where}: {key} must be one of {allowed}")
        if s.nsec3_salt and not all(c in "0123456789abcdefABCDEF" for c in s.nsec3_salt):
            raise ConfigError(f"{where}: nsec3_salt must be hex")
        return s


@dataclass(frozen=True)
class Bulk:
    count: int
    owner: str = "h{n:04d}"
    record: str = "A 198.18.10.1"
    benchmark: bool = False
    count_env: str = ""
    profiles: tuple = ()

    def owners(self) -> list[str]:
        count = int(os.environ.get(self.count_env) or self.count) if self.count_env else self.count
        return [self.owner.format(n=n) for n in range(count)]

    def lines(self) -> list[str]:
        """Zone-file lines of every owner: its profile's records, or the one record."""
        if not self.profiles:
            return [f"{owner} {self.record}" for owner in self.owners()]
        out = []
        for n, owner in enumerate(self.owners()):
            for line in self.profiles[n % len(self.profiles)]:
                name, rest = line.split(None, 1)
                out.append(f"{owner if name == '@' else name + '.' + owner} {rest}")
        return out


@dataclass(frozen=True)
class Delegation:
    """What a parent zone needs to know about a child: NS names and DS lines."""
    apex: str
    name_servers: tuple[str, ...]
    ds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ZoneSpec:
    apex: str
    name_servers: tuple[str, ...]
    signing: Signing = field(default_factory=Signing)
    caa: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    bulk: Bulk | None = None
    ttl: int = 300
    source: str = ""            # which file described it, for messages

    def benchmark_names(self) -> list[str]:
        if not (self.bulk and self.bulk.benchmark):
            return []
        return [f"{owner}.{plain(self.apex)}" for owner in self.bulk.owners()]

    @staticmethod
    def parse(table: dict, where: str, hosts: dict[str, Host]) -> "ZoneSpec":
        allowed = {"apex", "name_servers", "caa", "records", "ttl", "dnssec", "bulk"}
        _check_keys(table, allowed, where)
        if "apex" not in table:
            raise ConfigError(f"{where}: no apex")
        apex = fqdn(table["apex"])
        name_servers = tuple(fqdn(n) for n in table.get("name_servers", ()))
        if not name_servers:
            raise ConfigError(f"{where}: no name_servers")
        for ns in name_servers:
            if ns not in hosts:
                raise ConfigError(f"{where}: name server {plain(ns)} is not a host in topology.toml")
        subst = lambda text: text.replace("{apex}", plain(apex))
        bulk = table.get("bulk")
        if bulk is not None:
            _check_keys(bulk, set(Bulk.__dataclass_fields__), f"{where} [bulk]")
            bulk = Bulk(**{**bulk, "profiles": tuple(tuple(p) for p in bulk.get("profiles", ()))})
        return ZoneSpec(
            apex=apex,
            name_servers=name_servers,
            signing=Signing.parse(table.get("dnssec", {}), f"{where} [dnssec]"),
            caa=tuple(subst(c) for c in table.get("caa", ())),
            records=tuple(subst(r) for r in table.get("records", ())),
            bulk=bulk,
            ttl=int(table.get("ttl", 300)),
            source=where,
        )

    def delegation(self, ds: tuple[str, ...]) -> Delegation:
        return Delegation(self.apex, self.name_servers, ds)


def _address_lines(host: Host) -> list[str]:
    lines = []
    if host.ipv4:
        lines.append(f"{host.name} A {host.ipv4}")
    if host.ipv6:
        lines.append(f"{host.name} AAAA {host.ipv6}")
    return lines


def render(zone: ZoneSpec, serial: int, hosts_here: list[Host],
           delegations: list[Delegation], glue: list[Host]) -> str:
    """Zone-file text: apex records, the scenario's records, host addresses
    that live in this zone, then each child's NS + DS and the glue they need."""
    rname = "hostmaster." + (zone.apex if zone.apex != "." else "lab.")
    out = [
        f"; generated from {zone.source}; do not edit",
        f"$ORIGIN {zone.apex}",
        f"$TTL {zone.ttl}",
        # SOA minimum (negative TTL) kept short so a re-run lab is not stuck on old denials.
        f"@ SOA {zone.name_servers[0]} {rname} {serial} 3600 600 86400 60",
    ]
    out += [f"@ NS {ns}" for ns in zone.name_servers]
    out += [f"@ CAA {caa}" for caa in zone.caa]
    out += list(zone.records)
    if zone.bulk:
        out += zone.bulk.lines()
    for host in hosts_here:
        out += _address_lines(host)
    for d in delegations:
        out += [f"{d.apex} NS {ns}" for ns in d.name_servers]
        out += list(d.ds)
    for host in glue:
        out += _address_lines(host)
    return "\n".join(out) + "\n"
