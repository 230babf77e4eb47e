# SPDX-License-Identifier: Apache-2.0
"""Starts `baseline serve` on a fresh SQLite store with the lab's network settings, for the web
front's tests (run inside the lab namespace: the server reaches the lab's servers, the tests and
the browser reach the server on 127.0.0.1)."""
import http.client
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

LAB_RUN = Path(__file__).resolve().parents[2] / "lab" / "run"


# Checks of a test script: each counted, a failed one printed and remembered; summary() prints
# the closing "N passed, N failed" line and gives the exit status.
_failures = []
_checked = 0


def check(condition, message):
    global _checked
    _checked += 1
    if not condition:
        _failures.append(message)
        print("FAIL: " + message, flush=True)
    return condition


def summary() -> int:
    print(f"{_checked - len(_failures)} passed, {len(_failures)} failed")
    return 1 if _failures else 0


def lab_env():
    env = {}
    for line in (LAB_RUN / "env").read_text().splitlines():
        key, _, value = line.partition("=")
        if key:
            env[key] = value.strip("'\"")
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, baseline, extra=(), db=None):
        self.baseline = baseline
        self.extra = list(extra)
        self.dir = tempfile.mkdtemp(prefix="baseline-serve-")
        self.db = db or os.path.join(self.dir, "web.db")
        self.port = free_port()
        self.process = None
        self.log = open(os.path.join(self.dir, "serve.log"), "wb")

    def command(self):
        env = lab_env()
        return [self.baseline, "serve", "--db", "sqlite:" + self.db, "--listen",
                f"127.0.0.1:{self.port}", "--root-hints", env["LAB_ROOT_HINTS"],
                "--trust-anchor", env["LAB_TRUST_ANCHOR"], "--ca-file", env["LAB_CA_FILE"],
                "--vrps", env["LAB_VRPS"], "--rib", env["LAB_RIB_TEXT"], "--allow-private",
                "--probe-timeout", "3", "--timeout", "60", *self.extra]

    def start(self):
        self.process = subprocess.Popen(self.command(), stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("baseline serve exited: " + self.read_log())
                time.sleep(0.1)
        raise RuntimeError("baseline serve did not listen: " + self.read_log())

    def kill(self, sig=signal.SIGKILL):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)

    def read_log(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None):
        """(status, headers dict (lower-case names), body bytes)"""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            data = body
            all_headers = dict(headers or {})
            if isinstance(body, (dict, list)):
                data = json.dumps(body).encode()
                all_headers.setdefault("Content-Type", "application/json")
            connection.request(method, path, body=data, headers=all_headers)
            response = connection.getresponse()
            return (response.status, {k.lower(): v for k, v in response.getheaders()},
                    response.read())
        finally:
            connection.close()

    def submit(self, domain, families=None):
        body = {"domain": domain}
        if families:
            body["families"] = families
        return self.request("POST", "/api/v1/tests", body)

    def wait_done(self, test_id, timeout=240):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _, body = self.request("GET", f"/api/v1/tests/{test_id}")
            test = json.loads(body)
            if test["status"] in ("done", "error"):
                return test
            time.sleep(0.5)
        raise RuntimeError(f"test {test_id} did not finish in {timeout} s")
