#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A deliberately broken DNS server, so Baseline's error paths meet real sockets.

Usage: hostile_dns.py [--port 53] MODE=ADDRESS [MODE=ADDRESS ...]

The mode is chosen per listening address (UDP and TCP on each):
  garbage    answers with the query's ID, then random bytes
  truncated  UDP: an empty reply with TC=1; TCP: a length prefix, then a
             few bytes of the promised message, then close
  oversized  UDP: TC=1 (pushes the client to TCP); TCP: announces 65535
             bytes, trickles a few slowly, then closes
  silent     reads queries and never answers (TCP connections are held open)
Every wait is bounded so nothing hangs forever. Stdlib only.
"""
import argparse
import ipaddress
import os
import random
import socket
import struct
import sys
import threading
import time

MODES = ("garbage", "truncated", "oversized", "silent")
HOLD_SECONDS = 30          # longest a TCP connection is kept (silent, oversized)
TRICKLE_INTERVAL = 0.3     # oversized: seconds between bytes
TRICKLE_BYTES = 10         # oversized: bytes sent before closing


_log_lock = threading.Lock()  # one line at a time from many threads


def log(message: str) -> None:
    with _log_lock:
        print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


def question_end(query: bytes) -> int:
    """Offset just past the (first) question, or the header's end if unparsable."""
    pos = 12
    try:
        while query[pos] != 0:
            pos += 1 + query[pos]
        return min(pos + 5, len(query))
    except IndexError:
        return 12


def truncated_reply(query: bytes) -> bytes:
    """Header with QR, TC and the query's RD; the question echoed; no records."""
    query_id, flags = struct.unpack("!HH", query[:4])
    reply_flags = 0x8000 | (flags & 0x7900) | 0x0200  # QR, opcode+RD kept, TC
    return struct.pack("!HHHHHH", query_id, reply_flags, 1, 0, 0, 0) + query[12:question_end(query)]


def garbage_reply(query: bytes) -> bytes:
    return query[:2] + os.urandom(random.randint(10, 400))


def udp_reply(mode: str, query: bytes) -> bytes | None:
    if len(query) < 12 or mode == "silent":
        return None
    if mode == "garbage":
        return garbage_reply(query)
    return truncated_reply(query)  # truncated and oversized both push to TCP


def read_tcp_query(conn: socket.socket) -> bytes | None:
    conn.settimeout(HOLD_SECONDS)
    try:
        prefix = conn.recv(2, socket.MSG_WAITALL)
        if len(prefix) < 2:
            return None
        (length,) = struct.unpack("!H", prefix)
        query = conn.recv(length, socket.MSG_WAITALL)
        return query if len(query) >= 12 else None
    except OSError:
        return None


def serve_tcp_connection(mode: str, conn: socket.socket, peer) -> None:
    with conn:
        query = read_tcp_query(conn)
        if query is None:
            return
        log(f"tcp {mode} query from {peer[0]}")
        try:
            if mode == "garbage":
                body = garbage_reply(query)
                conn.sendall(struct.pack("!H", len(body)) + body)
            elif mode == "truncated":
                body = truncated_reply(query)
                conn.sendall(struct.pack("!H", len(body) + 100) + body[:6])
            elif mode == "oversized":
                conn.sendall(struct.pack("!H", 65535))
                for byte in truncated_reply(query).ljust(TRICKLE_BYTES, b"\0")[:TRICKLE_BYTES]:
                    conn.sendall(bytes([byte]))
                    time.sleep(TRICKLE_INTERVAL)
            elif mode == "silent":
                conn.recv(1)  # until the client gives up or HOLD_SECONDS pass
        except OSError:
            pass


def serve_udp(mode: str, sock: socket.socket) -> None:
    while True:
        query, peer = sock.recvfrom(4096)
        reply = udp_reply(mode, query)
        log(f"udp {mode} query from {peer[0]}{'' if reply else ' (dropped)'}")
        if reply:
            sock.sendto(reply, peer)


def serve_tcp(mode: str, sock: socket.socket) -> None:
    while True:
        conn, peer = sock.accept()
        threading.Thread(target=serve_tcp_connection, args=(mode, conn, peer), daemon=True).start()


def open_sockets(address: str, port: int) -> tuple[socket.socket, socket.socket]:
    family = socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET
    udp = socket.socket(family, socket.SOCK_DGRAM)
    tcp = socket.socket(family, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    for sock in (udp, tcp):
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((address, port))
    tcp.listen(16)
    return udp, tcp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=53)
    parser.add_argument("listen", nargs="+", metavar="MODE=ADDRESS")
    args = parser.parse_args()
    threads = []
    for item in args.listen:
        mode, _, address = item.partition("=")
        if mode not in MODES or not address:
            parser.error(f"{item!r}: want MODE=ADDRESS with MODE in {MODES}")
        udp, tcp = open_sockets(address, args.port)
        threads.append(threading.Thread(target=serve_udp, args=(mode, udp), daemon=True))
        threads.append(threading.Thread(target=serve_tcp, args=(mode, tcp), daemon=True))
        log(f"{mode} on {address} port {args.port}")
    for t in threads:
        t.start()
    threading.Event().wait()  # serve until SIGTERM
    return 0


if __name__ == "__main__":
    sys.exit(main())
