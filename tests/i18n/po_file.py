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


def english_pieces(po, word_count):
    """(piece, msgid): the fixed text between placeholders of each translated msgid, which a
    translated page must not show. Pieces of fewer than three words by `word_count` ("no", "at"
    are words of other languages or of technical tokens too) and pieces the translations use
    themselves ("RFC 8461 §3.2") are left out."""
    translated_text = "\n".join(po.values())
    out = []
    for msgid, msgstr in po.items():
        if not msgstr or msgstr == msgid:
            continue
        for piece in re.split(r"\{[^}]*\}", msgid):
            piece = piece.strip(" :;,.()'\"")
            if word_count(piece) < 3 or piece in translated_text:
                continue
            out.append((piece, msgid))
    return out
