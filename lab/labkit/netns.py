# SPDX-License-Identifier: Apache-2.0
"""The lab's network namespace: created with lo up and every lab address on lo."""
import ipaddress
import subprocess


def exists(ns: str) -> bool:
    out = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    return any(line.split()[0] == ns for line in out.splitlines() if line.strip())


def create(ns: str, addresses: list[str]) -> None:
    subprocess.run(["ip", "netns", "add", ns], check=True)
    # One `ip -batch` for all addresses: much faster than one process each.
    batch = ["link set lo up"]
    for addr in addresses:
        if ipaddress.ip_address(addr).version == 6:
            batch.append(f"addr add {addr}/128 dev lo nodad")
        else:
            batch.append(f"addr add {addr}/32 dev lo")
    subprocess.run(["ip", "-n", ns, "-batch", "-"], input="\n".join(batch) + "\n",
                   text=True, check=True)


def delete(ns: str) -> None:
    subprocess.run(["ip", "netns", "del", ns], check=True)


def pids(ns: str) -> list[int]:
    """Processes still running inside the namespace."""
    done = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
    return [int(p) for p in done.stdout.split()] if done.returncode == 0 else []


def command(ns: str, argv: list[str]) -> list[str]:
    """argv to run a program inside the namespace (ip execs it: same PID)."""
    return ["ip", "netns", "exec", ns, *argv]
