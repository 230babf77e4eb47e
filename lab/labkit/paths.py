# SPDX-License-Identifier: Apache-2.0
"""Where the lab keeps things, and the few names every part agrees on."""
import os
from pathlib import Path

LAB_DIR = Path(__file__).resolve().parent.parent
TOPOLOGY_FILE = LAB_DIR / "topology.toml"
SCENARIO_DIR = LAB_DIR / "scenarios"
HOSTILE_SERVER = LAB_DIR / "servers" / "hostile_dns.py"
PROBE_SCRIPT = LAB_DIR / "labkit" / "probe.py"

# State dir: generated zones, keys, configs, logs, PIDs. One lab per checkout.
RUN_DIR = LAB_DIR / "run"
KEYS_DIR = RUN_DIR / "keys"    # kept across up/down so `up` does not regenerate keys
ZONES_DIR = RUN_DIR / "zones"
PIDS_DIR = RUN_DIR / "pids"
LOGS_DIR = RUN_DIR / "logs"

# The system Python (stdlib only); the one on PATH may be a pyenv build.
PYTHON = "/usr/bin/python3"

DEFAULT_NAMESPACE = "baseline-lab"


def namespace() -> str:
    return os.environ.get("BASELINE_LAB_NS") or DEFAULT_NAMESPACE
