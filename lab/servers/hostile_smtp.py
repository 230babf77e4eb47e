#!/usr/bin/python3
"""SMTP servers that misbehave in the ways a mail test must survive (stdlib only).

Usage: hostile_smtp.py MODE ADDRESS...   (listens on TCP 25 of every ADDRESS)
Modes:
  silent              accepts the connection and never sends a banner
  endless             a banner of endless "220-" continuation lines
  garbage-starttls    a normal banner and EHLO offering STARTTLS, then garbage for STARTTLS
  close-after-banner  sends the banner and closes
  slow-banner         sends the banner only after 12 seconds
  busy                answers every connection with 421 and closes (a server refusing us)
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
        elif mode == "busy":
            writer.write(b"421 4.7.0 hostile.lab Service not available, try again much later\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main() -> None:
    mode, addresses = sys.argv[1], sys.argv[2:]
    servers = [await asyncio.start_server(lambda r, w: handle(mode, r, w), a, 25) for a in addresses]
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    asyncio.run(main())
