#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""SMTP servers that misbehave in the ways a mail test must survive (stdlib only).

Usage: hostile_smtp.py MODE ADDRESS...   (listens on TCP 25 of every ADDRESS)
       hostile_smtp.py FRONT BACKEND_PORT ADDRESS...
Modes:
  silent              accepts the connection and never sends a banner
  endless             a banner of endless "220-" continuation lines
  garbage-starttls    a normal banner and EHLO offering STARTTLS, then garbage for STARTTLS
  close-after-banner  sends the banner and closes
  slow-banner         sends the banner only after 12 seconds
  busy                answers every connection with 421 and closes (a server refusing us)
  tls-alert           accepts STARTTLS, then answers the ClientHello with a fatal alert
Fronts (a rate-limiting front of a real server: the connections it lets through are relayed to
the same family's loopback address at BACKEND_PORT, where the scenario's Postfix listens):
  refuse-alternate    421 to every second connection, counted across all ADDRESSes together
  refuse-ipv6         421 to every connection over IPv6; IPv4 is relayed
"""
import asyncio
import os
import sys

BANNER = b"220 hostile.lab ESMTP\r\n"


async def _ehlo_then(reader, writer, on_starttls):
    while True:
        line = await reader.readline()
        if not line:
            return
        verb = line.strip().split(b" ")[0].upper()
        if verb in (b"EHLO", b"HELO"):
            writer.write(b"250-hostile.lab\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
        elif verb == b"STARTTLS":
            await on_starttls(writer)
            return
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            return
        else:
            writer.write(b"502 no\r\n")
        await writer.drain()


async def _garbage(writer):
    writer.write(b"\x16\x03\x01" + os.urandom(64) + b"\r\n")
    await writer.drain()
    await asyncio.sleep(30)


# TLS alert record: fatal (2) handshake_failure (40).
HANDSHAKE_FAILURE = b"\x15\x03\x03\x00\x02\x02\x28"
REFUSAL = b"421 4.7.0 hostile.lab Too many connections, try again later\r\n"


async def _alert(writer):
    writer.write(b"220 2.0.0 Ready to start TLS\r\n")
    await writer.drain()
    await asyncio.sleep(0.05)  # the ClientHello; its content does not matter
    writer.write(HANDSHAKE_FAILURE)
    await writer.drain()


async def _pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


class Front:
    """Refuses some connections with 421 and relays the others to the backend."""

    def __init__(self, mode: str, backend_port: int):
        self.mode, self.backend_port, self.count = mode, backend_port, 0

    async def handle(self, reader, writer):
        ipv6 = ":" in writer.get_extra_info("sockname")[0]
        self.count += 1
        refuse = (self.mode == "refuse-alternate" and self.count % 2 == 0) or (
            self.mode == "refuse-ipv6" and ipv6)
        if refuse:
            writer.write(REFUSAL)
            try:
                await writer.drain()
            except ConnectionError:
                pass
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("::1" if ipv6 else "127.0.0.1",
                                                                 self.backend_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))


async def handle(mode: str, reader, writer):
    try:
        if mode == "silent":
            await asyncio.sleep(120)
        elif mode == "endless":
            for i in range(1_000_000):
                writer.write(b"220-hostile.lab still greeting you, line %d\r\n" % i)
                await writer.drain()
                await asyncio.sleep(0.001)
        elif mode == "garbage-starttls":
            writer.write(BANNER)
            await writer.drain()
            await _ehlo_then(reader, writer, _garbage)
        elif mode == "close-after-banner":
            writer.write(BANNER)
            await writer.drain()
        elif mode == "slow-banner":
            await asyncio.sleep(12)
            writer.write(BANNER)
            await writer.drain()
            await _ehlo_then(reader, writer, _garbage)
        elif mode == "tls-alert":
            writer.write(BANNER)
            await writer.drain()
            await _ehlo_then(reader, writer, _alert)
        elif mode == "busy":
            writer.write(b"421 4.7.0 hostile.lab Service not available, try again much later\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


FRONTS = ("refuse-alternate", "refuse-ipv6")


async def main() -> None:
    mode, addresses = sys.argv[1], sys.argv[2:]
    if mode in FRONTS:
        front = Front(mode, int(addresses[0]))
        addresses = addresses[1:]
        servers = [await asyncio.start_server(front.handle, a, 25) for a in addresses]
    else:
        servers = [await asyncio.start_server(lambda r, w: handle(mode, r, w), a, 25)
                   for a in addresses]
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    asyncio.run(main())
