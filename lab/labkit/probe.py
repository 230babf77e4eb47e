#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Waits until lab servers answer; runs inside the namespace (stdlib only).

Usage: probe.py [--timeout S] TARGET...
  dns:ADDRESS:QNAME   a DNS SOA query for QNAME over UDP gets any reply
  tcp:ADDRESS         a TCP connection to port 53 is accepted
  tcpport:PORT:ADDRESS  a TCP connection to PORT is accepted
  tcp443:ADDRESS      a TCP connection to port 443 is accepted
Prints one line per target that is not ready in time; exit 1 if any.
"""
import argparse
import ipaddress
import os
import socket
import struct
import sys
import time

SOA = 6


def _family(address: str) -> int:
    return socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET


def _query(qname: str) -> tuple[int, bytes]:
    query_id = int.from_bytes(os.urandom(2), "big")
    wire = b"".join(bytes([len(label)]) + label.encode() for label in qname.strip(".").split(".") if label)
    header = struct.pack("!HHHHHH", query_id, 0x0100, 1, 0, 0, 0)  # RD set: resolvers recurse
    return query_id, header + wire + b"\0" + struct.pack("!HH", SOA, 1)


def dns_answers(address: str, qname: str, wait: float) -> bool:
    query_id, wire = _query(qname)
    with socket.socket(_family(address), socket.SOCK_DGRAM) as sock:
        sock.settimeout(wait)
        try:
            sock.sendto(wire, (address, 53))
            reply = sock.recv(4096)
        except OSError:
            return False
    return len(reply) >= 12 and struct.unpack("!H", reply[:2])[0] == query_id and reply[2] & 0x80 != 0


def tcp_accepts(address: str, wait: float, port: int = 53) -> bool:
    try:
        socket.create_connection((address, port), timeout=wait).close()
        return True
    except OSError:
        return False


def ready(target: str, wait: float) -> bool:
    kind, _, rest = target.partition(":")
    if kind == "dns":
        address, _, qname = rest.rpartition(":")
        return dns_answers(address, qname, wait)
    if kind == "tcp":
        return tcp_accepts(rest, wait)
    if kind == "tcpport":
        port, _, address = rest.partition(":")
        return tcp_accepts(address, wait, int(port))
    if kind == "tcp443":
        return tcp_accepts(rest, wait, 443)
    raise SystemExit(f"unknown target {target!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("targets", nargs="+")
    args = parser.parse_args()
    pending = list(args.targets)
    deadline = time.monotonic() + args.timeout
    while pending and time.monotonic() < deadline:
        pending = [t for t in pending if not ready(t, 0.5)]
        if pending:
            time.sleep(0.05)
    for target in pending:
        print(f"not ready: {target}")
    return 1 if pending else 0


if __name__ == "__main__":
    sys.exit(main())
