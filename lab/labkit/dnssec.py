# SPDX-License-Identifier: Apache-2.0
"""Keys, signatures and DS records, with the ldns tools.

Keys are generated once per (zone, algorithm, size) and cached under
run/keys/, so a repeated `up` only re-signs (fast) and parents' DS records
stay the same. Signatures are made fresh on every `up`.
"""
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .names import file_stem
from .zones import Signing

FRESH_INCEPTION = -3600             # an hour back: tolerate clock skew
FRESH_EXPIRATION = 21 * 86400
EXPIRED_INCEPTION = -30 * 86400     # the "expired" scenario: valid a month ago,
EXPIRED_EXPIRATION = -2 * 86400     # expired two days ago


@dataclass(frozen=True)
class ZoneKeys:
    ksk: Path       # key base names (no .key/.private), as ldns tools take them
    zsk: Path
    stray: Path | None  # a KSK never published, for ds = "mismatch": its DS matches nothing


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed: {done.stderr.strip()}")
    return done.stdout


def _with_ext(base: Path, ext: str) -> Path:
    # Not Path.with_suffix: "Ksecure.lab.+013+12345" already looks like it has one.
    return Path(str(base) + ext)


def _cached_key(directory: Path, apex: str, signing: Signing, ksk: bool) -> Path:
    for private in sorted(directory.glob("K*.private")):
        base = Path(str(private).removesuffix(".private"))
        if _with_ext(base, ".key").exists():
            return base
    directory.mkdir(parents=True, exist_ok=True)
    cmd = ["ldns-keygen", "-a", signing.algorithm, "-r", "/dev/urandom"]
    if signing.key_bits:
        cmd += ["-b", str(signing.key_bits)]
    if ksk:
        cmd.append("-k")
    cmd.append(apex)
    name = _run(cmd, cwd=directory).strip()
    return directory / name


def keys_for(apex: str, signing: Signing) -> ZoneKeys:
    base = paths.KEYS_DIR / file_stem(apex) / f"{signing.algorithm}-{signing.key_bits or 'std'}"
    return ZoneKeys(
        ksk=_cached_key(base / "ksk", apex, signing, ksk=True),
        zsk=_cached_key(base / "zsk", apex, signing, ksk=False),
        stray=_cached_key(base / "stray", apex, signing, ksk=True) if signing.ds == "mismatch" else None,
    )


def _timestamp(t: float) -> str:
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(t))


def sign(zone_file: Path, signed_file: Path, apex: str, keys: ZoneKeys,
         signing: Signing, now: float) -> None:
    if signing.signatures == "expired":
        inception, expiration = now + EXPIRED_INCEPTION, now + EXPIRED_EXPIRATION
    else:
        inception, expiration = now + FRESH_INCEPTION, now + FRESH_EXPIRATION
    cmd = ["ldns-signzone", "-o", apex, "-i", _timestamp(inception),
           "-e", _timestamp(expiration), "-f", str(signed_file)]
    if signing.denial == "nsec3":
        cmd += ["-n", "-t", str(signing.nsec3_iterations)]
        if signing.nsec3_salt:
            cmd += ["-s", signing.nsec3_salt]
    cmd += [str(zone_file), str(keys.zsk), str(keys.ksk)]
    _run(cmd)


def ds_records(keys: ZoneKeys, signing: Signing) -> tuple[str, ...]:
    """DS lines for the parent; from the unpublished key when the scenario wants a mismatch."""
    key = keys.stray if signing.ds == "mismatch" else keys.ksk
    lines = []
    for digest in signing.ds_digests:
        out = _run(["ldns-key2ds", "-n", f"-{digest}", str(_with_ext(key, ".key"))])
        lines += [" ".join(line.split()) for line in out.splitlines() if line.strip()]
    return tuple(lines)
