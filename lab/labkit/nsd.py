# SPDX-License-Identifier: Apache-2.0
"""Configuration for one NSD instance (authoritative server) of the lab.

Each instance has its own directory under run/ for pid, xfrd state and zone
list, keeps nothing in a database, and drops no privileges: it only ever
runs inside the lab namespace.
"""
import os
from pathlib import Path

from . import paths
from .names import plain


def instance_dir(name: str) -> Path:
    return paths.RUN_DIR / f"nsd-{name}"


def write_config(name: str, addresses: list[str], zone_files: dict[str, str]) -> list[str]:
    """Writes nsd.conf for instance `name`; returns the command that runs it in the foreground."""
    directory = instance_dir(name)
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["server:"]
    lines += [f"    ip-address: {addr}" for addr in addresses]
    lines += [
        "    port: 53",
        f'    identity: "lab-{name}"',
        '    database: ""',
        '    username: ""',
        '    chroot: ""',
        f'    zonesdir: "{paths.ZONES_DIR}"',
        f'    pidfile: "{directory / "nsd.pid"}"',
        f'    xfrdfile: "{directory / "xfrd.state"}"',
        f'    zonelistfile: "{directory / "zone.list"}"',
        f'    xfrdir: "{directory}"',
        f'    logfile: "{paths.LOGS_DIR / f"nsd-{name}.log"}"',
        "    server-count: 1",
        "    verbosity: 1",
        "    refuse-any: yes",
        # Response rate limiting (NSD's default: 200 answers/s per bucket) is a real server's
        # limit; BASELINE_LAB_RRL=0 lifts it so a benchmark measures the scanner, not the limit.
        *([f"    rrl-ratelimit: {os.environ['BASELINE_LAB_RRL']}"]
          if os.environ.get("BASELINE_LAB_RRL") else []),
        "remote-control:",
        "    control-enable: no",
    ]
    for apex, zone_file in sorted(zone_files.items()):
        lines += ["zone:", f'    name: "{plain(apex)}"', f'    zonefile: "{zone_file}"']
    conf = directory / "nsd.conf"
    conf.write_text("\n".join(lines) + "\n")
    return ["nsd", "-d", "-c", str(conf)]
