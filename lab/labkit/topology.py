# SPDX-License-Identifier: Apache-2.0
"""The lab's fixed infrastructure (topology.toml): servers, hosts and their addresses."""
import ipaddress
import tomllib
from dataclasses import dataclass

from . import paths
from .names import fqdn

FAMILIES = ("ipv4", "ipv6")


class ConfigError(Exception):
    """A lab description file says something the generator cannot build."""


@dataclass(frozen=True)
class Host:
    name: str                   # absolute: "ns1.hoster.lab."
    ipv4: str | None
    ipv6: str | None
    server: str                 # a [servers] name, e.g. "hoster"
    mode: str | None            # for hostile servers: "garbage", "silent", ...
    dead: frozenset[str]        # families assigned but unanswered

    def addresses(self, live_only: bool = False) -> list[str]:
        out = []
        for family in FAMILIES:
            addr = getattr(self, family)
            if addr and not (live_only and family in self.dead):
                out.append(addr)
        return out


@dataclass(frozen=True)
class Topology:
    resolver_ipv4: str
    resolver_ipv6: str
    servers: dict[str, str]     # name -> kind ("nsd", "hostile-dns")
    hosts: dict[str, Host]      # by absolute name
    zones: dict[str, dict]      # infrastructure zone tables, raw, by absolute apex
    routing: dict | None = None # [routing]: the infrastructure's routes and ROAs (routing.py)

    def hosts_of(self, server: str) -> list[Host]:
        return [h for h in self.hosts.values() if h.server == server]

    def listen_addresses(self, server: str) -> list[str]:
        return [a for h in self.hosts_of(server) for a in h.addresses(live_only=True)]

    def all_addresses(self) -> list[str]:
        """Every address the namespace's lo carries, dead ones included."""
        addrs = [self.resolver_ipv4, self.resolver_ipv6]
        for host in self.hosts.values():
            addrs += host.addresses()
        return addrs


def _address(value, family: str, where: str) -> str | None:
    if value is None:
        return None
    try:
        addr = ipaddress.ip_address(value)
    except ValueError as e:
        raise ConfigError(f"{where}: {e}") from None
    if (addr.version == 4) != (family == "ipv4"):
        raise ConfigError(f"{where}: {value} is not an {family} address")
    return str(addr)


def load(path=paths.TOPOLOGY_FILE) -> Topology:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    servers = dict(data.get("servers", {}))
    hosts = {}
    for raw_name, spec in data.get("hosts", {}).items():
        where = f"{path.name} [hosts] {raw_name}"
        server, _, mode = spec.get("server", "").partition(":")
        if server not in servers:
            raise ConfigError(f"{where}: server {server!r} is not in [servers]")
        dead = frozenset(spec.get("dead", []))
        if not dead <= set(FAMILIES):
            raise ConfigError(f"{where}: dead must list only {FAMILIES}")
        host = Host(
            name=fqdn(raw_name),
            ipv4=_address(spec.get("ipv4"), "ipv4", where),
            ipv6=_address(spec.get("ipv6"), "ipv6", where),
            server=server,
            mode=mode or None,
            dead=dead,
        )
        hosts[host.name] = host
    resolver = data["resolver"]
    topology = Topology(
        resolver_ipv4=_address(resolver["ipv4"], "ipv4", "[resolver]"),
        resolver_ipv6=_address(resolver["ipv6"], "ipv6", "[resolver]"),
        servers=servers,
        hosts=hosts,
        zones={fqdn(apex): spec for apex, spec in data.get("zones", {}).items()},
        routing=data.get("routing", {}),
    )
    addrs = topology.all_addresses()
    clashes = sorted({a for a in addrs if addrs.count(a) > 1})
    if clashes:
        raise ConfigError(f"{path.name}: addresses used twice: {', '.join(clashes)}")
    return topology
