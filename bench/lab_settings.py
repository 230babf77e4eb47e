# SPDX-License-Identifier: Apache-2.0
"""The lab's settings (lab/run/env, written by lab/up) for the benchmark scripts beside this file."""
from pathlib import Path

LAB = Path(__file__).resolve().parent.parent / "lab"


def lab_env() -> dict:
    env = {}
    for line in (LAB / "run" / "env").read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value.strip("'")
    return env
