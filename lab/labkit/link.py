# SPDX-License-Identifier: Apache-2.0
"""The far client: a second namespace joined to the lab through a delay link (servers/delay_link.py).

On loopback a round trip costs nothing; on the Internet it costs 20-200 ms. `lab/link RTT_MS
[LOSS_PERCENT]` puts a client namespace (`<lab namespace>-far`) at that distance from every lab
server: a TUN device in each namespace, routes for the lab's prefixes through it, and the
forwarder in between. `lab/exec --far CMD` runs a command there; `lab/link off` (and `lab/down`)
removes it. The far client's addresses lie inside the lab's prefixes, so the lab resolver's
access rules and the lab's routing data already cover them.
"""
import subprocess
import time
from pathlib import Path

from . import netns, paths, processes

FAR_DEVICE = "far0"      # in the far namespace
LAB_DEVICE = "far1"      # in the lab namespace
FAR_IPV4, LAB_IPV4 = "198.19.255.2", "198.19.255.1"
FAR_IPV6, LAB_IPV6 = "2001:db8:ffff::2", "2001:db8:ffff::1"
LAB_PREFIXES = ("198.18.0.0/15", "2001:db8::/32")
PROCESS_NAME = "zz-delay-link"   # records sort by name: stopped first by `lab/down`
FORWARDER = paths.LAB_DIR / "servers" / "delay_link.py"


def far_namespace() -> str:
    return f"{paths.namespace()}-far"


def _ip(ns: str, commands: list[str]) -> None:
    subprocess.run(["ip", "-n", ns, "-batch", "-"], input="\n".join(commands) + "\n",
                   text=True, check=True)


def _sysctl(ns: str, settings: list[str]) -> None:
    for setting in settings:
        subprocess.run(netns.command(ns, ["sysctl", "-q", "-w", setting]), check=True)


def _namespace_file(ns: str) -> str:
    return str(Path("/var/run/netns") / ns)


def remove() -> None:
    """Stops the forwarder and deletes the far namespace and the lab's end of the link."""
    for record in processes.records():
        if record.name == PROCESS_NAME:
            processes.stop(record)
            (paths.PIDS_DIR / f"{record.name}.json").unlink(missing_ok=True)
    lab, far = paths.namespace(), far_namespace()
    if netns.exists(lab):
        subprocess.run(["ip", "-n", lab, "link", "del", LAB_DEVICE], capture_output=True)
    if netns.exists(far):
        netns.delete(far)


def create(rtt_ms: float, loss: float) -> None:
    """Builds the far namespace at `rtt_ms` round trip and `loss` (0..1) from the running lab."""
    lab, far = paths.namespace(), far_namespace()
    if not netns.exists(lab):
        raise RuntimeError(f"namespace {lab} does not exist; run lab/up first")
    remove()
    netns.create(far, [])
    _ip(far, [f"tuntap add dev {FAR_DEVICE} mode tun",
              f"addr add {FAR_IPV4}/32 dev {FAR_DEVICE}",
              f"addr add {FAR_IPV6}/128 dev {FAR_DEVICE} nodad",
              f"link set {FAR_DEVICE} up",
              *[f"route add {p} dev {FAR_DEVICE} src {FAR_IPV6 if ':' in p else FAR_IPV4}"
                for p in LAB_PREFIXES]])
    _ip(lab, [f"tuntap add dev {LAB_DEVICE} mode tun",
              f"addr add {LAB_IPV4}/32 dev {LAB_DEVICE}",
              f"addr add {LAB_IPV6}/128 dev {LAB_DEVICE} nodad",
              f"link set {LAB_DEVICE} up",
              f"route add {FAR_IPV4}/32 dev {LAB_DEVICE}",
              f"route add {FAR_IPV6}/128 dev {LAB_DEVICE}"])
    # Packets from the far client arrive on the TUN device for addresses that live on lo: a
    # strict reverse-path filter would drop them.
    for ns in (lab, far):
        _sysctl(ns, ["net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                     f"net.ipv4.conf.{FAR_DEVICE if ns == far else LAB_DEVICE}.rp_filter=0"])
    processes.start(PROCESS_NAME,
                    [paths.PYTHON, str(FORWARDER), "--ns-a", _namespace_file(far), "--dev-a",
                     FAR_DEVICE, "--ns-b", _namespace_file(lab), "--dev-b", LAB_DEVICE,
                     "--rtt-ms", str(rtt_ms), "--loss", str(loss)],
                    paths.LOGS_DIR / "delay-link.out")
    time.sleep(0.2)  # the forwarder attaches both devices before the first packet


def measured_rtt_ms(target: str = "198.18.0.53", count: int = 5) -> float | None:
    """The median round trip of `count` pings from the far client to a lab address."""
    done = subprocess.run(netns.command(far_namespace(), ["ping", "-n", "-c", str(count), "-i",
                                                          "0.2", "-W", "2", target]),
                          capture_output=True, text=True)
    times = sorted(float(part.split("=")[1]) for line in done.stdout.splitlines()
                   for part in line.split() if part.startswith("time="))
    return times[len(times) // 2] if times else None
