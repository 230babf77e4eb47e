# SPDX-License-Identifier: Apache-2.0
"""Domain-name helpers. Internally every name is lower-case and absolute ("secure.lab.", root ".")."""


def fqdn(name: str) -> str:
    name = name.strip().lower()
    if name in ("", "."):
        return "."
    return name if name.endswith(".") else name + "."


def plain(name: str) -> str:
    """The name as people and the expectations file write it: no trailing dot."""
    return "." if name == "." else name.rstrip(".")


def is_under(name: str, apex: str) -> bool:
    """True if name is apex or below it."""
    return apex == "." or name == apex or name.endswith("." + apex)


def depth(name: str) -> int:
    return 0 if name == "." else name.count(".")


def file_stem(apex: str) -> str:
    return "root" if apex == "." else plain(apex)
