# SPDX-License-Identifier: Apache-2.0
"""The shipped translations as the tests read them: msgid -> msgstr of a po/LANG.po file."""
import re

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text):
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def read_po(path):
    """msgid -> msgstr of a .po file written without line wrapping (scripts/update-po)."""
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', open(path, encoding="utf-8").read(),
                       re.MULTILINE)
    return {_unquote(a): _unquote(b) for a, b in pairs if a}
