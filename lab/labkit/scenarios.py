# SPDX-License-Identifier: Apache-2.0
"""Scenario files: scenarios/<family>/<name>.toml, one declarative test domain each.

A scenario says what the domain is (`domain`, `description`), how its zone
looks (`[zone]`, see zones.py; defaults in scenarios/defaults.toml) and what
Baseline must conclude (`[expect]`: check ID -> verdict). Every check listed
for the family in scenarios/checks.toml must have a verdict.
"""
import fnmatch
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import paths, smtp, web
from .names import fqdn, is_under, plain
from .topology import ConfigError, Topology
from .routing import RoutingSpec
from .zones import ZoneSpec

# Top-level tables a scenario may have. A later family (web, mail, routing)
# adds its table here and a generator for it next to zones.py.
SCENARIO_KEYS = {"description", "domain", "zone", "expect", "routing", "web", "smtp"}


@dataclass(frozen=True)
class Scenario:
    name: str
    family: str
    file: Path
    description: str
    domain: str                 # as the tester is given it: "secure.lab"
    zone: ZoneSpec
    expect: dict[str, str]
    routing: RoutingSpec = RoutingSpec()   # routes and ROAs (routing.py)
    web: "web.WebSpec | None" = None
    smtp: "smtp.SmtpSpec | None" = None


def _read(path: Path) -> dict:
    with open(path, "rb") as f:
        try:
            return tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path}: {e}") from None


def _merge(base: dict, override: dict) -> dict:
    """Deep merge of TOML tables; the scenario's value wins, lists are replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_expect(expect: dict, family: str, checks: dict, verdicts: list, where: str) -> None:
    known = {c for family_checks in checks.values() for c in family_checks}
    missing = [c for c in checks[family] if c not in expect]
    if missing:
        raise ConfigError(f"{where}: [expect] lacks {', '.join(missing)}")
    for check, verdict in expect.items():
        if check not in known:
            raise ConfigError(f"{where}: [expect] names unknown check {check!r}")
        if verdict not in verdicts:
            raise ConfigError(f"{where}: {check} = {verdict!r}; verdicts are {verdicts}")


def _resolve_patterns(table: dict, family_checks: list, where: str) -> dict:
    """Expands the keys with '*' (fnmatch) over the family's checks: the longest pattern wins,
    and an exact check ID wins over any pattern."""
    out = {}
    patterns = sorted((k for k in table if "*" in k), key=len)
    for pattern in patterns:
        matched = fnmatch.filter(family_checks, pattern)
        if not matched:
            raise ConfigError(f"{where}: [expect] pattern {pattern!r} matches no check")
        for check in matched:
            out[check] = table[pattern]
    out.update({k: v for k, v in table.items() if "*" not in k})
    return out


def _parse(path: Path, family: str, defaults: dict, checks: dict, verdicts: list,
           topology: Topology) -> Scenario:
    where = str(path.relative_to(paths.LAB_DIR))
    data = _read(path)
    unknown = set(data) - SCENARIO_KEYS
    if unknown:
        raise ConfigError(f"{where}: no generator for {sorted(unknown)} yet (known: {sorted(SCENARIO_KEYS)})")
    for key in ("description", "domain", "expect"):
        if key not in data:
            raise ConfigError(f"{where}: missing {key!r}")
    domain = fqdn(data["domain"])
    zone_table = _merge(defaults.get("zone", {}), data.get("zone", {}))
    zone_table.setdefault("apex", plain(domain))
    web_spec = None
    if "web" in data:
        # A web scenario's zone holds its hosts (apex and www) and their TLSA records.
        web_spec = web.WebSpec.parse(data["web"], path.stem, plain(domain), where)
        zone_table["records"] = list(data.get("zone", {}).get("records", [])) + web.zone_records(web_spec)
    smtp_spec = None
    if "smtp" in data:
        # A mail scenario with its own server: the zone gets the MX, its addresses and TLSA.
        smtp_spec = smtp.SmtpSpec.parse(data["smtp"], path.stem, plain(domain), where)
        zone_table["records"] = list(zone_table.get("records", [])) + smtp.zone_records(smtp_spec)
    if any("{shared_mx_tlsa}" in r for r in zone_table.get("records", [])):
        zone_table["records"] = [r.replace("{shared_mx_tlsa}", smtp.shared_mx_tlsa())
                                 for r in zone_table["records"]]
    if any("{notices_dkim}" in r for r in zone_table.get("records", [])):
        from . import mailbox
        zone_table["records"] = [r.replace("{notices_dkim}", mailbox.dkim_record())
                                 for r in zone_table["records"]]
    # Patterns ("web.headers.*") cover every check of a group, so that a new check of that group
    # needs no edit in each scenario; an exact ID says otherwise for itself.
    family_checks = checks[family] + (checks["dns"] if family == "routing" else [])
    expect = _resolve_patterns(defaults.get("expect", {}).get(family, {}), family_checks, where)
    expect.update(_resolve_patterns(data["expect"], family_checks, where))
    data["expect"] = expect
    zone = ZoneSpec.parse(zone_table, where, topology.hosts)
    if not is_under(domain, zone.apex):
        raise ConfigError(f"{where}: domain {plain(domain)} is not in zone {plain(zone.apex)}")
    _check_expect(data["expect"], family, checks, verdicts, where)
    routing = RoutingSpec.parse(data.get("routing", {}), where)
    return Scenario(path.stem, family, path, data["description"].strip(), plain(domain),
                    zone, dict(data["expect"]), routing, web_spec, smtp_spec)


def load_all(topology: Topology) -> list[Scenario]:
    catalogue = _read(paths.SCENARIO_DIR / "checks.toml")
    checks, verdicts = catalogue["families"], catalogue["verdicts"]
    defaults = _read(paths.SCENARIO_DIR / "defaults.toml")
    scenarios = []
    for family_dir in sorted(p for p in paths.SCENARIO_DIR.iterdir() if p.is_dir()):
        if family_dir.name not in checks:
            raise ConfigError(f"scenarios/{family_dir.name}/: add its check list to scenarios/checks.toml")
        for path in sorted(family_dir.glob("*.toml")):
            scenarios.append(_parse(path, family_dir.name, defaults, checks, verdicts, topology))
    hosts = {}
    for s in scenarios:
        if s.web:
            if s.web.host in hosts:
                raise ConfigError(f"{s.file.name} and {hosts[s.web.host]}: same web host {s.web.host}")
            hosts[s.web.host] = s.file.name
    mail_hosts = {smtp.SHARED_HOST: "the shared mail host"}
    for s in scenarios:
        if s.smtp:
            if s.smtp.host in mail_hosts:
                raise ConfigError(f"{s.file.name} and {mail_hosts[s.smtp.host]}: same smtp host {s.smtp.host}")
            mail_hosts[s.smtp.host] = s.file.name
    seen = {}
    for s in scenarios:
        if s.domain in seen:
            raise ConfigError(f"{s.file.name} and {seen[s.domain]}: same domain {s.domain}")
        seen[s.domain] = s.file.name
    return scenarios
