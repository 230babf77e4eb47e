# SPDX-License-Identifier: Apache-2.0
"""Server processes of the lab, tracked by PID in run/pids/.

Each record holds the PID and the process's start time (from /proc), so a
PID the kernel has since reused for something else is never signalled.
Processes are stopped by PID only: SIGTERM, a short wait, then SIGKILL.
"""
import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths

STOP_GRACE_SECONDS = 3.0


@dataclass(frozen=True)
class Record:
    name: str
    pid: int
    start_time: str
    argv: list[str]


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name, or None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rsplit(")", 1)[1].split()


def _start_time(pid: int) -> str | None:
    fields = _stat(pid)
    return fields[19] if fields else None   # field 22 of stat: start time


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return "?"


def is_alive(pid: int, start_time: str | None = None) -> bool:
    fields = _stat(pid)
    if fields is None or fields[0] == "Z":  # a zombie has exited already
        return False
    return start_time is None or fields[19] == start_time


def start(name: str, argv: list[str], log: Path) -> Record:
    """Starts argv detached (own session) with output to log, and records it."""
    paths.PIDS_DIR.mkdir(parents=True, exist_ok=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                start_new_session=True)
    record = Record(name, proc.pid, _start_time(proc.pid) or "", argv)
    (paths.PIDS_DIR / f"{name}.json").write_text(json.dumps(record.__dict__) + "\n")
    return record


def records() -> list[Record]:
    if not paths.PIDS_DIR.is_dir():
        return []
    return [Record(**json.loads(p.read_text())) for p in sorted(paths.PIDS_DIR.glob("*.json"))]


def alive(record: Record) -> bool:
    return is_alive(record.pid, record.start_time)


def _group_members(pgid: int) -> list[int]:
    """PIDs in process group pgid (a server's own children, e.g. NSD's workers)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and fields[0] != "Z" and int(fields[2]) == pgid:
                members.append(int(entry.name))
    return members


def kill_pid(pid: int, start_time: str | None = None) -> bool:
    """SIGTERM, wait up to STOP_GRACE_SECONDS, then SIGKILL. True if it had to be killed."""
    if not is_alive(pid, start_time):
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while time.monotonic() < deadline:
        if not is_alive(pid, start_time):
            return False
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return True


def stop(record: Record) -> str:
    killed = kill_pid(record.pid, record.start_time)
    # Started with its own session, so its process group id is its PID;
    # anything left in that group (workers of a killed server) goes too.
    leftovers = _group_members(record.pid) if record.start_time else []
    for pid in leftovers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    (paths.PIDS_DIR / f"{record.name}.json").unlink(missing_ok=True)
    if killed:
        return "killed (SIGKILL)"
    return "stopped" + (f", {len(leftovers)} leftover(s) killed" if leftovers else "")
