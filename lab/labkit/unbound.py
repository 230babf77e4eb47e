# SPDX-License-Identifier: Apache-2.0
"""Configuration for the lab's validating recursive resolver (Unbound).

It knows only the lab root (root hints and trust anchor from run/), answers
anyone inside the lab, and reports why validation failed (EDE, log level 2).
"""
from . import paths
from .topology import Topology


def write_config(topology: Topology) -> list[str]:
    """Writes unbound.conf; returns the command that runs it in the foreground."""
    directory = paths.RUN_DIR / "unbound"
    directory.mkdir(parents=True, exist_ok=True)
    lines = [
        "server:",
        f"    interface: {topology.resolver_ipv4}",
        f"    interface: {topology.resolver_ipv6}",
        "    port: 53",
        "    do-ip4: yes",
        "    do-ip6: yes",
        "    access-control: 198.18.0.0/15 allow",
        "    access-control: 2001:db8::/32 allow",
        "    access-control: 127.0.0.0/8 allow",
        "    access-control: ::1 allow",
        '    username: ""',
        '    chroot: ""',
        f'    directory: "{directory}"',
        f'    pidfile: "{directory / "unbound.pid"}"',
        f'    logfile: "{paths.LOGS_DIR / "unbound.log"}"',
        "    use-syslog: no",
        "    verbosity: 1",
        "    log-servfail: yes",
        f'    root-hints: "{paths.RUN_DIR / "root.hints"}"',
        f'    trust-anchor-file: "{paths.RUN_DIR / "root.key"}"',
        "    module-config: \"validator iterator\"",
        "    ede: yes",
        "    val-log-level: 2",
        # Slow failures must still reach the client as SERVFAIL: do not drop
        # replies that waited over 1.9 s (Debian's default discard-timeout),
        # and wait at most 1.5 s for an upstream server (default 120 s).
        "    discard-timeout: 0",
        "    infra-cache-max-rtt: 1500",
        # The lab's clients share a few addresses; no per-address waiting limit.
        "    wait-limit: 0",
        # Two threads for the two cores; the benchmark (dnsperf) is the heavy user.
        "    num-threads: 2",
        "    so-reuseport: yes",
        "remote-control:",
        "    control-enable: no",
    ]
    conf = directory / "unbound.conf"
    conf.write_text("\n".join(lines) + "\n")
    return ["unbound", "-d", "-c", str(conf)]
