# SPDX-License-Identifier: Apache-2.0
"""lab/up, lab/down, lab/status, lab/exec: the commands people and CI run."""
import os
import shutil
import subprocess
import sys
import time

from . import generate, link, mailbox, netns, paths, processes, scenarios, servers, smtp, topology, web

PROBE_TIMEOUT = 20.0


def _say(message: str) -> None:
    print(f"lab: {message}", flush=True)


def _probe(ns: str, targets: list[str]) -> list[str]:
    """Runs probe.py inside the namespace; returns the targets that never answered."""
    done = subprocess.run(
        netns.command(ns, [paths.PYTHON, str(paths.PROBE_SCRIPT), "--timeout",
                           str(PROBE_TIMEOUT), *targets]),
        capture_output=True, text=True)
    return [line.removeprefix("not ready: ") for line in done.stdout.splitlines()]


NAMESPACE_RECORD = paths.RUN_DIR / "namespace"


def _recorded_namespace() -> str | None:
    """The namespace this checkout's lab was brought up in (lab/run is per checkout)."""
    return NAMESPACE_RECORD.read_text().strip() if NAMESPACE_RECORD.exists() else None


def _foreign(ns: str) -> bool:
    """True (and says so) when this checkout's lab runs in another namespace than `ns`: then `ns`
    may be another checkout's lab, and neither its name nor our servers are to be touched."""
    recorded = _recorded_namespace()
    if recorded and recorded != ns and processes.records():
        _say(f"this checkout's lab runs in namespace {recorded}, not {ns}: "
             f"use BASELINE_LAB_NS={recorded} (and reconfigure the build for ctest)")
        return True
    return False


def _is_up(ns: str) -> bool:
    recs = processes.records()
    return (netns.exists(ns) and bool(recs) and all(processes.alive(r) for r in recs)
            and _recorded_namespace() in (None, ns))


def _start(ns: str, group: list[servers.Server]) -> None:
    for server in group:
        rec = processes.start(server.name, netns.command(ns, server.argv),
                              paths.LOGS_DIR / f"{server.name}.out")
        _say(f"started {server.name} (pid {rec.pid})")
    not_ready = _probe(ns, [t for s in group for t in s.ready_when])
    dead = [r.name for r in processes.records() if not processes.alive(r)]
    if dead or not_ready:
        raise RuntimeError(f"not up: dead {dead}, not answering {not_ready}; see {paths.LOGS_DIR}")


def up() -> int:
    ns = paths.namespace()
    if _foreign(ns):
        return 1
    if _is_up(ns):
        _say(f"already up (namespace {ns}); `lab/down` first to rebuild")
        return 0
    if netns.exists(ns) or processes.records():
        _say("found a partial lab; taking it down first")
        down()
    began = time.monotonic()
    topo = topology.load()
    scens = scenarios.load_all(topo)
    shutil.rmtree(paths.LOGS_DIR, ignore_errors=True)
    paths.LOGS_DIR.mkdir(parents=True)
    web.prepare()
    smtp.prepare()
    built = generate.build(topo, scens, time.time())
    _say(f"generated and signed {len(built.zones)} zones for {len(scens)} scenarios "
         f"in {time.monotonic() - began:.1f}s")
    try:
        web_specs = [s.web for s in scens if s.web]
        smtp_specs = [s.smtp for s in scens if s.smtp]
        netns.create(ns, topo.all_addresses() + [a for w in web_specs for a in w.addresses()] +
                     [a for m in [smtp.shared_spec()] + smtp_specs for a in m.addresses()] +
                     [mailbox.ADDRESS])
        NAMESPACE_RECORD.write_text(ns + "\n")
        _start(ns, servers.authoritative(topo, built))
        _start(ns, servers.web(web_specs))
        # The mail scenarios without a server of their own name the shared host as mx1.<domain>.
        shared_names = tuple(f"mx1.{s.domain}" for s in scens if s.family == "mail" and not s.smtp)
        _start(ns, servers.smtp(smtp_specs, shared_names))
        # The mailbox that notices are sent into (labkit/mailbox.py).
        _start(ns, [servers.Server(*server) for server in mailbox.write_servers()])
        # The resolver last: started earlier, it would mark servers that are
        # still starting as unreachable and cache that.
        _start(ns, [servers.resolver(topo)])
    except (RuntimeError, subprocess.CalledProcessError) as e:
        _say(f"failed: {e}")
        down()
        return 1
    _say(f"up in {time.monotonic() - began:.1f}s: namespace {ns}, resolver "
         f"{topo.resolver_ipv4} / {topo.resolver_ipv6}; settings in {paths.RUN_DIR / 'env'}")
    return 0


def down() -> int:
    ns = paths.namespace()
    if _foreign(ns):
        return 1
    recs = processes.records()
    if not recs and _recorded_namespace() != ns:
        # Namespace names are machine-wide, lab/run/ is per checkout: a namespace this checkout
        # did not bring up may be another checkout's running lab.
        if netns.exists(ns) and not netns.pids(ns):
            # Nothing runs in it: a leftover of a crashed run, nobody's lab. Safe to remove.
            netns.delete(ns)
            _say(f"stale namespace {ns} (no process in it) deleted")
        elif netns.exists(ns):
            _say(f"namespace {ns} is not this checkout's lab (lab/run/ has no record of it); left alone")
        else:
            _say("already down")
        return 0
    if netns.exists(link.far_namespace()):
        link.remove()
        _say(f"far client {link.far_namespace()} removed")
    began = time.monotonic()
    for rec in reversed(recs):  # resolver first, then the servers it talks to
        _say(f"{rec.name} (pid {rec.pid}): {processes.stop(rec)}")
    if netns.exists(ns):
        for pid in netns.pids(ns):
            # Not a lab server (e.g. a test started with lab/exec): not ours to
            # stop. It keeps running in the now nameless namespace until it exits.
            _say(f"note: pid {pid} ({processes.command_line(pid)}) is still running in {ns}; left alone")
        netns.delete(ns)
        _say(f"namespace {ns} deleted")
    NAMESPACE_RECORD.unlink(missing_ok=True)
    _say(f"down in {time.monotonic() - began:.1f}s")
    return 0


def _dig_probe(ns: str, resolver: str, domain: str) -> tuple[bool, str]:
    done = subprocess.run(netns.command(ns, ["dig", f"@{resolver}", domain, "SOA", "+dnssec",
                                             "+time=2", "+tries=1"]),
                          capture_output=True, text=True)
    header = [l for l in done.stdout.splitlines() if "status:" in l or " flags:" in l]
    flags = next((l.split("flags:")[1].split(";")[0].split() for l in header if " flags:" in l), [])
    status = next((l.split("status:")[1].split(",")[0].strip() for l in header if "status:" in l), "no answer")
    return status == "NOERROR" and "ad" in flags, f"{status}, flags: {' '.join(flags) or '-'}"


def status() -> int:
    ns = paths.namespace()
    healthy = netns.exists(ns)
    print(f"namespace {ns}: {'present' if healthy else 'absent'}")
    recs = processes.records()
    if not recs:
        print("no servers recorded")
        healthy = False
    for rec in recs:
        alive = processes.alive(rec)
        healthy &= alive
        print(f"  {rec.name:<14} pid {rec.pid:<8} {'alive' if alive else 'DEAD'}")
    if netns.exists(ns) and recs:
        resolver = (paths.RUN_DIR / "resolver").read_text().strip()
        secure, summary = _dig_probe(ns, resolver, "secure.lab")
        print(f"probe: dig @{resolver} secure.lab SOA +dnssec -> {summary} "
              f"({'validated' if secure else 'NOT validated'})")
        healthy &= secure
    print("lab is up" if healthy else "lab is NOT fully up")
    return 0 if healthy else 1


def exec_in_lab(argv: list[str]) -> int:
    ns = paths.namespace()
    if argv and argv[0] == "--far":  # the far client of `lab/link`, at Internet distance
        ns, argv = link.far_namespace(), argv[1:]
    if not argv:
        print("usage: lab/exec [--far] COMMAND [ARG...]", file=sys.stderr)
        return 2
    if not netns.exists(ns):
        print(f"lab: namespace {ns} does not exist; run lab/up", file=sys.stderr)
        return 1
    env_file = paths.RUN_DIR / "env"
    if env_file.exists():  # hand the lab's settings (LAB_RESOLVER, ...) to the command
        for line in env_file.read_text().splitlines():
            key, _, value = line.partition("=")
            os.environ.setdefault(key, value.strip("'"))
    os.execvp("ip", netns.command(ns, argv))


def link_command(argv: list[str]) -> int:
    """lab/link RTT_MS [LOSS_PERCENT] | off"""
    usage = "usage: lab/link RTT_MS [LOSS_PERCENT] | lab/link off"
    if argv == ["off"]:
        link.remove()
        _say(f"far client {link.far_namespace()} removed")
        return 0
    try:
        rtt_ms = float(argv[0])
        loss = float(argv[1]) / 100 if len(argv) > 1 else 0.0
    except (IndexError, ValueError):
        print(usage, file=sys.stderr)
        return 2
    if len(argv) > 2 or rtt_ms < 0 or not 0 <= loss < 1:
        print(usage, file=sys.stderr)
        return 2
    try:
        link.create(rtt_ms, loss)
    except (RuntimeError, subprocess.CalledProcessError) as e:
        _say(f"link failed: {e}")
        link.remove()
        return 1
    measured = link.measured_rtt_ms()
    if measured is None:
        _say("link failed: the far client cannot reach the lab resolver")
        link.remove()
        return 1
    _say(f"far client {link.far_namespace()} ({link.FAR_IPV4}, {link.FAR_IPV6}) at "
         f"{rtt_ms:g} ms round trip, {loss * 100:g} % loss; measured {measured:.1f} ms; "
         f"run commands there with lab/exec --far")
    return 0


def main(argv: list[str]) -> int:
    commands = {"up": up, "down": down, "status": status}
    if argv and argv[0] == "exec":
        return exec_in_lab(argv[1:])
    if argv and argv[0] == "link":
        if os.geteuid() != 0:
            print("lab: needs root (network namespaces)", file=sys.stderr)
            return 1
        return link_command(argv[1:])
    if argv and argv[0] == "selftest":
        from . import selftest
        return selftest.run()
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: labctl.py up|down|status|selftest|exec CMD...", file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("lab: needs root (network namespaces)", file=sys.stderr)
        return 1
    try:
        return commands[argv[0]]()
    except (topology.ConfigError, RuntimeError) as e:  # bad description, or a tool failed
        print(f"lab: {e}", file=sys.stderr)
        return 1
