# SPDX-License-Identifier: Apache-2.0
"""Which server processes the lab runs, built from the topology and the generated zones."""
from dataclasses import dataclass

from . import nsd, paths, routing, smtp as smtp_lab, unbound, web as web_lab
from .generate import Built
from .names import plain
from .topology import ConfigError, Topology


@dataclass(frozen=True)
class Server:
    name: str               # also the PID record's and log file's name
    argv: list[str]
    ready_when: list[str]   # probe.py targets that answer once it is up


def authoritative(topology: Topology, built: Built) -> list[Server]:
    """Every NSD instance and the hostile server, from [servers] in topology.toml."""
    out = []
    for name, kind in topology.servers.items():
        if kind == "nsd":
            served = {apex: built.zone_files[apex] for apex, zone in built.zones.items()
                      if any(topology.hosts[ns].server == name for ns in zone.name_servers)}
            if not served:
                continue
            addresses = topology.listen_addresses(name)
            argv = nsd.write_config(name, addresses, served)
            some_zone = plain(sorted(served)[0])
            out.append(Server(f"nsd-{name}", argv, [f"dns:{a}:{some_zone}" for a in addresses]))
        elif kind == "hostile-dns":
            listen = [(h.mode, a) for h in topology.hosts_of(name) for a in h.addresses(live_only=True)]
            if not listen:
                continue
            argv = [paths.PYTHON, str(paths.HOSTILE_SERVER)] + [f"{m}={a}" for m, a in listen]
            out.append(Server(name, argv, [f"tcp:{a}" for _, a in listen]))
        elif kind == "stayrtr":
            # An RTR cache (RFC 8210) serving the lab's VRPs from run/routing/vrps.json.
            for host in topology.hosts_of(name):
                address = host.ipv4
                argv = ["stayrtr", "-cache", str(routing.ROUTING_DIR / "vrps.json"),
                        "-bind", f"{address}:{routing.RTR_PORT}", "-checktime=false",
                        "-metrics.addr", f"{address}:9847", "-refresh", "3600",
                        "-log.verbose=false"]
                out.append(Server(f"stayrtr-{plain(host.name).split('.')[0]}", argv,
                                  [f"tcpport:{routing.RTR_PORT}:{address}"]))
        else:
            raise ConfigError(f"topology.toml [servers] {name}: unknown kind {kind!r}")
    return out


def resolver(topology: Topology) -> Server:
    return Server("unbound", unbound.write_config(topology),
                  [f"dns:{topology.resolver_ipv4}:lab", f"dns:{topology.resolver_ipv6}:lab"])


def web(specs: list) -> list[Server]:
    """One nginx (or hostile web server) per web scenario, each with its own config."""
    out = []
    for spec in specs:
        argv, ready = web_lab.write_server(spec)
        out.append(Server(f"web-{spec.scenario}", argv, ready))
    return out


def smtp(specs: list, shared_names: tuple[str, ...] = ()) -> list[Server]:
    """The shared mail host (valid for `shared_names` too) and one Postfix (or hostile SMTP server,
    or Postfix behind a refusing front) per mail scenario with [smtp]."""
    out = []
    for spec in [smtp_lab.shared_spec(shared_names)] + specs:
        for suffix, argv, ready in smtp_lab.write_servers(spec):
            out.append(Server(f"smtp-{spec.scenario}{suffix}", argv, ready))
    return out
