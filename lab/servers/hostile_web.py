#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A deliberately misbehaving web server for the lab (stdlib only).

Usage: hostile_web.py MODE CERT KEY ADDRESS...
Listens on port 443 (TLS, except where the mode breaks the handshake) and 80 of each ADDRESS
(not 80 for the modes that break the handshake).
  trickle              sends a status line, then one header byte every 0.5 s, forever
  huge-header          sends a 10 MB header line
  redirect-loop        http:// redirects to https://, which redirects to itself forever
  garbage-hello        answers the ClientHello with random bytes (a plausible record header first)
  close-mid-handshake  reads the ClientHello, sends half a ServerHello record, closes
"""
import ipaddress
import os
import socket
import ssl
import sys
import threading
import time


def _read_request(conn) -> bytes:
    data = b""
    conn.settimeout(10)
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _host(request: bytes) -> str:
    for line in request.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"host":
            return value.strip().decode("ascii", "replace")
    return "localhost"


def _http(mode: str, conn) -> None:
    request = _read_request(conn)
    if mode == "trickle":
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while True:
            conn.sendall(b"a")
            time.sleep(0.5)
    elif mode == "huge-header":
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Huge: ")
        block = b"b" * 65536
        for _ in range(160):
            conn.sendall(block)
        conn.sendall(b"\r\nContent-Length: 0\r\n\r\n")
    elif mode == "redirect-loop":
        # http:// goes to https:// (a correct first hop), which redirects to itself forever.
        location = f"https://{_host(request)}/".encode()
        conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\nContent-Length: 0\r\n\r\n")
        time.sleep(1)


def _tls_raw(mode: str, conn) -> None:
    conn.settimeout(10)
    conn.recv(16384)
    if mode == "garbage-hello":
        conn.sendall(b"\x16\x03\x03\x00\x40" + os.urandom(64))
        time.sleep(1)
    else:
        # A handshake record announcing 80 bytes, of which 20 arrive: a ServerHello cut short.
        conn.sendall(b"\x16\x03\x03\x00\x50\x02\x00\x00\x4c\x03\x03" + os.urandom(14))


def _serve(mode: str, conn, port: int, context) -> None:
    try:
        with conn:
            if port == 443:
                if mode in ("garbage-hello", "close-mid-handshake"):
                    _tls_raw(mode, conn)
                    return
                conn.settimeout(10)
                with context.wrap_socket(conn, server_side=True) as tls:
                    _http(mode, tls)
            else:
                _http(mode, conn)
    except (OSError, ssl.SSLError):
        pass


def _listen(mode: str, address: str, port: int, context) -> None:
    family = socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((address, port))
    sock.listen(64)
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=_serve, args=(mode, conn, port, context), daemon=True).start()


def main() -> int:
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    mode, cert, key, addresses = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # The modes that break TLS have no HTTP listener (port 80 is refused).
    ports = (443,) if mode in ("garbage-hello", "close-mid-handshake") else (443, 80)
    threads = [threading.Thread(target=_listen, args=(mode, a, p, context), daemon=True)
               for a in addresses for p in ports]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
