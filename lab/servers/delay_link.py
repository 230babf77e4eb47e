#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A long, lossy line in user space: forwards IP packets between two TUN devices in two network
namespaces, holding each one for half the round-trip time and dropping a given share.

This machine's kernel has neither netem nor fq, so the lab builds its "Internet distance" here
(labkit/link.py sets the devices, addresses and routes up and starts this process). Every packet
crossing waits the same one-way delay, so each direction is a FIFO: no reordering, no sorting.
The queue per direction is bounded like a router's buffer; beyond it packets are dropped.

Usage: delay_link.py --ns-a PATH --dev-a NAME --ns-b PATH --dev-b NAME --rtt-ms MS [--loss P]
(PATH: a network namespace file such as /var/run/netns/NAME). SIGTERM stops it; counts are
printed on stop and on SIGUSR1.
"""
import argparse
import collections
import ctypes
import fcntl
import os
import random
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000
MAX_PACKET = 65535           # an IP packet is at most this long
MAX_QUEUED = 50_000          # packets held per direction; more are dropped (a full buffer)
READS_PER_WAKEUP = 512       # drain bursts without starving the other direction

_libc = ctypes.CDLL(None, use_errno=True)


def _enter(namespace_file: str) -> None:
    fd = os.open(namespace_file, os.O_RDONLY)
    try:
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"setns {namespace_file}: {os.strerror(err)}")
    finally:
        os.close(fd)


def _attach(namespace_file: str, device: str) -> int:
    """Opens the (already created, persistent) TUN device `device` of that namespace."""
    _enter(namespace_file)
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", device.encode(), IFF_TUN | IFF_NO_PI))
    return fd


class Direction:
    """Packets read from `source`, written to `sink` once their time has come."""

    def __init__(self, name: str, source: int, sink: int):
        self.name, self.source, self.sink = name, source, sink
        self.queue: collections.deque = collections.deque()
        self.forwarded = self.lost = self.overflow = 0

    def take(self, due: float, loss: float) -> None:
        for _ in range(READS_PER_WAKEUP):
            try:
                packet = os.read(self.source, MAX_PACKET)
            except BlockingIOError:
                return
            if loss and random.random() < loss:
                self.lost += 1
            elif len(self.queue) >= MAX_QUEUED:
                self.overflow += 1
            else:
                self.queue.append((due, packet))

    def release(self, now: float) -> None:
        queue = self.queue
        while queue and queue[0][0] <= now:
            _, packet = queue.popleft()
            try:
                os.write(self.sink, packet)
                self.forwarded += 1
            except BlockingIOError:
                self.overflow += 1
            except OSError:  # e.g. the peer device's link went down: the packet is lost
                self.lost += 1

    def next_due(self) -> float | None:
        return self.queue[0][0] if self.queue else None

    def counts(self) -> str:
        return (f"{self.name}: forwarded {self.forwarded}, lost {self.lost}, "
                f"dropped at full buffer {self.overflow}, queued {len(self.queue)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ns-a", required=True)
    parser.add_argument("--dev-a", required=True)
    parser.add_argument("--ns-b", required=True)
    parser.add_argument("--dev-b", required=True)
    parser.add_argument("--rtt-ms", type=float, required=True)
    parser.add_argument("--loss", type=float, default=0.0, help="share of packets dropped, 0..1")
    args = parser.parse_args()
    if args.rtt_ms < 0 or not 0 <= args.loss < 1:
        print("delay_link: --rtt-ms must be >= 0 and --loss in [0, 1)", file=sys.stderr)
        return 2
    one_way = args.rtt_ms / 2000.0
    a = _attach(args.ns_a, args.dev_a)
    b = _attach(args.ns_b, args.dev_b)
    directions = {a: Direction("a->b", a, b), b: Direction("b->a", b, a)}
    poller = select.epoll()
    for fd in directions:
        poller.register(fd, select.EPOLLIN)

    running = True

    def stop(*_):
        nonlocal running
        running = False

    def report(*_):
        for d in directions.values():
            print(d.counts(), flush=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGUSR1, report)
    print(f"delay_link: {args.dev_a} <-> {args.dev_b}, rtt {args.rtt_ms} ms, loss {args.loss}",
          flush=True)
    while running:
        dues = [d for d in (x.next_due() for x in directions.values()) if d is not None]
        timeout = max(0.0, min(dues) - time.monotonic()) if dues else 1.0
        try:
            events = poller.poll(timeout)
        except InterruptedError:
            continue
        now = time.monotonic()
        for fd, _ in events:
            directions[fd].take(now + one_way, args.loss)
        for d in directions.values():
            d.release(now)
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
