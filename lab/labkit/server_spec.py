# SPDX-License-Identifier: Apache-2.0
"""What the web and SMTP scenario servers share: a scenario's [web] or [smtp] table over the
family's defaults, checked, and read as attributes (spec.host, spec.dane, ...)."""
from dataclasses import dataclass

from .topology import ConfigError


@dataclass(frozen=True)
class ServerSpec:
    scenario: str
    domain: str
    settings: dict

    def __getattr__(self, key):
        try:
            return self.settings[key]
        except KeyError:
            raise AttributeError(key) from None


def checked_settings(table: dict, defaults: dict, choices: dict, hosts: range, host_rule: str,
                     where: str) -> dict:
    """`table` over `defaults`: no unknown keys, `host` in `hosts`, every key of `choices` one of
    its values. `where` names the table in messages ("mail/x.toml [smtp]")."""
    unknown = set(table) - set(defaults)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
    settings = {**defaults, **table}
    if int(settings["host"]) not in hosts:
        raise ConfigError(f"{where}: host must be {host_rule}")
    for key, allowed in choices.items():
        if settings[key] not in allowed:
            raise ConfigError(f"{where}: {key} must be one of {allowed}")
    return settings
