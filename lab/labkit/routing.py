# SPDX-License-Identifier: Apache-2.0
"""Routing data of the lab: announced routes and ROAs, as a RIB and a VRP set.

Declared in topology.toml [routing] (infrastructure) and in each scenario's
[routing] table:

  [routing]
  announce = [{ prefix = "198.18.30.0/27", origin = 64500 }]   # routes in the RIB
  roas = [{ prefix = "198.18.30.0/27", max_length = 27, asn = 64500 }]  # VRPs

The generator writes run/routing/:
  vrps.json        the VRPs in the JSON form rpki-client and Routinator export
                   (what `baseline --vrps` reads and stayrtr serves over RTR)
  rib.mrt          MRT TABLE_DUMP_V2 (RFC 6396): a PEER_INDEX_TABLE with two
                   peers, then RIB_IPV4_UNICAST / RIB_IPV6_UNICAST records; each
                   route is seen from both peers with AS_PATH "PEER ORIGIN"
  rib.mrt.gz, rib.mrt.bz2   the same, compressed as RIS and RouteViews publish them
  rib.txt          the same routes as "PREFIX ORIGIN_AS" lines
The MRT writer below is the lab's own; `bgpdump -m run/routing/rib.mrt` reads it.
"""
import bz2
import gzip
import ipaddress
import json
import struct
import time
from dataclasses import dataclass

from . import paths
from .topology import ConfigError

ROUTING_DIR = paths.RUN_DIR / "routing"
# The lab's two route collector peers (documentation ASNs, RFC 5398).
PEERS = ((64496, "198.18.0.201"), (64497, "198.18.0.202"))
RTR_PORT = 8282


@dataclass(frozen=True)
class Route:
    prefix: ipaddress.IPv4Network | ipaddress.IPv6Network
    origin: int


@dataclass(frozen=True)
class Roa:
    prefix: ipaddress.IPv4Network | ipaddress.IPv6Network
    max_length: int
    asn: int


@dataclass(frozen=True)
class RoutingSpec:
    announce: tuple[Route, ...] = ()
    roas: tuple[Roa, ...] = ()

    @staticmethod
    def parse(table: dict, where: str) -> "RoutingSpec":
        unknown = set(table) - {"announce", "roas"}
        if unknown:
            raise ConfigError(f"{where} [routing]: unknown key(s) {sorted(unknown)}; allowed: announce, roas")
        routes, roas = [], []
        for i, entry in enumerate(table.get("announce", [])):
            at = f"{where} [routing] announce[{i}]"
            _keys(entry, {"prefix", "origin"}, at)
            routes.append(Route(_prefix(entry["prefix"], at), _asn(entry["origin"], at)))
        for i, entry in enumerate(table.get("roas", [])):
            at = f"{where} [routing] roas[{i}]"
            _keys(entry, {"prefix", "max_length", "asn"}, at)
            prefix = _prefix(entry["prefix"], at)
            max_length = entry.get("max_length", prefix.prefixlen)
            if not isinstance(max_length, int) or not prefix.prefixlen <= max_length <= prefix.max_prefixlen:
                raise ConfigError(f"{at}: max_length {max_length!r} does not fit {prefix}")
            roas.append(Roa(prefix, max_length, _asn(entry["asn"], at)))
        return RoutingSpec(tuple(routes), tuple(roas))


def _keys(entry, allowed: set, where: str) -> None:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table")
    missing = {k for k in allowed if k != "max_length"} - set(entry)
    unknown = set(entry) - allowed
    if missing or unknown:
        raise ConfigError(f"{where}: needs {sorted(allowed)}; missing {sorted(missing)}, unknown {sorted(unknown)}")


def _prefix(text, where: str):
    try:
        return ipaddress.ip_network(text, strict=True)
    except (ValueError, TypeError) as e:
        raise ConfigError(f"{where}: {e}") from None


def _asn(value, where: str) -> int:
    if not isinstance(value, int) or not 0 <= value < 2**32:
        raise ConfigError(f"{where}: {value!r} is not an AS number")
    return value


def _sort_key(network):
    return (network.version, int(network.network_address), network.prefixlen)


# --- MRT TABLE_DUMP_V2 (RFC 6396) ------------------------------------------------

MRT_TABLE_DUMP_V2 = 13
PEER_INDEX_TABLE, RIB_IPV4_UNICAST, RIB_IPV6_UNICAST = 1, 2, 4
ATTR_FLAG_TRANSITIVE = 0x40
ATTR_ORIGIN, ATTR_AS_PATH, ATTR_NEXT_HOP = 1, 2, 3
AS_SEQUENCE = 2


def _mrt_record(timestamp: int, subtype: int, body: bytes) -> bytes:
    return struct.pack("!IHHI", timestamp, MRT_TABLE_DUMP_V2, subtype, len(body)) + body


def _peer_index_table(collector_id: str) -> bytes:
    body = ipaddress.IPv4Address(collector_id).packed + struct.pack("!H", 0)  # no view name
    body += struct.pack("!H", len(PEERS))
    for asn, address in PEERS:
        # peer type 0x02: IPv4 peer address, 4-byte AS number
        body += bytes([0x02]) + ipaddress.IPv4Address(address).packed
        body += ipaddress.IPv4Address(address).packed + struct.pack("!I", asn)
    return body


def _attribute(type_code: int, value: bytes) -> bytes:
    return struct.pack("!BBB", ATTR_FLAG_TRANSITIVE, type_code, len(value)) + value


def _rib_entry(peer_index: int, timestamp: int, origin: int) -> bytes:
    peer_asn, peer_address = PEERS[peer_index]
    path = [peer_asn, origin] if origin != peer_asn else [origin]
    # TABLE_DUMP_V2 AS_PATH always carries 4-byte AS numbers (RFC 6396 §4.3.4).
    as_path = struct.pack("!BB", AS_SEQUENCE, len(path)) + b"".join(struct.pack("!I", a) for a in path)
    attributes = (_attribute(ATTR_ORIGIN, b"\x00") + _attribute(ATTR_AS_PATH, as_path)
                  + _attribute(ATTR_NEXT_HOP, ipaddress.IPv4Address(peer_address).packed))
    return struct.pack("!HIH", peer_index, timestamp, len(attributes)) + attributes


def mrt_rib(routes: list[Route], timestamp: int) -> bytes:
    """A TABLE_DUMP_V2 RIB: the peer table, then one record per prefix with an
    entry per (peer, origin)."""
    out = [_mrt_record(timestamp, PEER_INDEX_TABLE, _peer_index_table("198.18.0.200"))]
    by_prefix: dict = {}
    for r in routes:
        by_prefix.setdefault(r.prefix, []).append(r.origin)
    for sequence, prefix in enumerate(sorted(by_prefix, key=_sort_key)):
        entries = [_rib_entry(peer, timestamp, origin)
                   for origin in sorted(set(by_prefix[prefix])) for peer in range(len(PEERS))]
        length = prefix.prefixlen
        body = struct.pack("!IB", sequence, length) + prefix.network_address.packed[:(length + 7) // 8]
        body += struct.pack("!H", len(entries)) + b"".join(entries)
        subtype = RIB_IPV4_UNICAST if prefix.version == 4 else RIB_IPV6_UNICAST
        out.append(_mrt_record(timestamp, subtype, body))
    return b"".join(out)


def vrps_json(roas: list[Roa], timestamp: int) -> str:
    """rpki-client's JSON export form (metadata + roas; asn as "AS…" like Routinator)."""
    unique = sorted(set(roas), key=lambda r: (_sort_key(r.prefix), r.max_length, r.asn))
    built = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))
    document = {
        "metadata": {"buildmachine": "baseline-lab", "buildtime": built, "roas": len(unique)},
        "roas": [{"asn": f"AS{r.asn}", "prefix": str(r.prefix), "maxLength": r.max_length,
                  "ta": "lab", "expires": timestamp + 86400 * 7} for r in unique],
    }
    return json.dumps(document, indent=1) + "\n"


def write_files(specs: list[RoutingSpec], now: float) -> dict[str, str]:
    """Writes run/routing/; returns the env entries that name its files."""
    routes = [r for s in specs for r in s.announce]
    roas = [r for s in specs for r in s.roas]
    ROUTING_DIR.mkdir(parents=True, exist_ok=True)
    timestamp = int(now)
    rib = mrt_rib(routes, timestamp)
    (ROUTING_DIR / "rib.mrt").write_bytes(rib)
    (ROUTING_DIR / "rib.mrt.gz").write_bytes(gzip.compress(rib, mtime=timestamp))
    (ROUTING_DIR / "rib.mrt.bz2").write_bytes(bz2.compress(rib))
    unique_routes = sorted(set(routes), key=lambda r: (_sort_key(r.prefix), r.origin))
    (ROUTING_DIR / "rib.txt").write_text(
        "# lab RIB: PREFIX ORIGIN_AS\n" + "".join(f"{r.prefix} AS{r.origin}\n" for r in unique_routes))
    (ROUTING_DIR / "vrps.json").write_text(vrps_json(roas, timestamp))
    return {
        "LAB_VRPS": str(ROUTING_DIR / "vrps.json"),
        "LAB_RIB": str(ROUTING_DIR / "rib.mrt.bz2"),
        "LAB_RIB_GZ": str(ROUTING_DIR / "rib.mrt.gz"),
        "LAB_RIB_MRT": str(ROUTING_DIR / "rib.mrt"),
        "LAB_RIB_TEXT": str(ROUTING_DIR / "rib.txt"),
    }
