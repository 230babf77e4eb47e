#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The command line in Dutch and Brazilian Portuguese: `baseline --lang LANG COMMAND --help` for
every command and subcommand (found in the help itself), and a few commands that fail with
Baseline's own error message.

A help text or an error fails when it still shows English: a description that reads the same as in
the English help (a text nobody marked for translation), or a fixed piece (three words or more) of a
msgid of po/LANG.po whose translation differs (a marked text left untranslated). CLI11's parse
errors stay English (translating them needs a patched CLI11); its help labels are translated.

    cli_translated_test.py --baseline build/src/baseline --po-dir po
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

from po_file import english_pieces, read_po

# CLI11's own help texts are translated through its formatter's labels (src/app/cli_language.cc);
# what is left of CLI11 in English is its parse errors, which these commands do not provoke.
CLI11_TEXTS = set()
LANGUAGES = (("nl", "nl.po"), ("pt-BR", "pt_BR.po"))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def words(text):
    return len(re.findall(r"(?:^|(?<=[\s(]))[A-Za-z][a-z]+[,.:;)]?(?=\s|$)", text))


def run(baseline, language, args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["COLUMNS"] = "200"
    return subprocess.run([baseline, "--lang", language, *args], capture_output=True, text=True,
                          env=env, timeout=60, stdin=subprocess.DEVNULL)


def descriptions(help_text):
    """The description column of every option and subcommand line, joined over wrapped lines."""
    out = []
    for line in help_text.splitlines():
        if not line.startswith(" "):
            continue
        fields = re.split(r"\s{2,}", line.strip())
        if len(fields) >= 2:
            out.append(fields[-1])
        elif out and line.startswith(" " * 20):
            out[-1] += " " + line.strip()
    return out


def subcommands(help_text):
    """The names listed under SUBCOMMANDS: in a help text."""
    names, inside = [], False
    for line in help_text.splitlines():
        if line.strip().lower().startswith("subcommands"):
            inside = True
            continue
        if inside:
            if not line.startswith(" "):
                inside = line.strip() == ""
                continue
            match = re.match(r"\s+([a-z][a-z-]*)\s", line)
            if match:
                names.append(match.group(1))
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--po-dir", required=True)
    args = parser.parse_args()

    # Every command path, from the English help.
    commands, queue = [], [[]]
    while queue:
        path = queue.pop(0)
        commands.append(path)
        english = run(args.baseline, "en", [*path, "--help"]).stdout
        queue += [[*path, name] for name in subcommands(english)]
    check(len(commands) >= 15, f"only {len(commands)} commands found in the help: {commands}")

    with tempfile.TemporaryDirectory() as tmp:
        # Commands that stop with Baseline's own message (no network, nothing written).
        errors = [["scan", os.path.join(tmp, "missing.txt"), "--db", f"sqlite:{tmp}/s.db"],
                  ["scan", "--db", f"sqlite:{tmp}/s.db"],
                  ["report", "--db", f"sqlite:{tmp}/missing.db"],
                  ["users", "add", "x", "--db", f"sqlite:{tmp}/u.db"]]
        for language, po_file in LANGUAGES:
            po = read_po(os.path.join(args.po_dir, po_file))
            translated_text = "\n".join(po.values())
            pieces = english_pieces(po, words)
            for path in commands:
                english = run(args.baseline, "en", [*path, "--help"]).stdout
                shown = run(args.baseline, language, [*path, "--help"])
                check(shown.returncode == 0, f"{' '.join(path)} --help in {language} failed")
                headings = [line for line in shown.stdout.splitlines()
                            if re.fullmatch(r"(Options|Positionals|Subcommands):", line)]
                check(not headings, f"{' '.join(path)} --help in {language} has the English "
                                    f"headings {headings}")
                check(shown.stdout != english,
                      f"baseline --lang {language} {' '.join(path)} --help is the English help")
                same = set(descriptions(english)) & set(descriptions(shown.stdout))
                for text in sorted(same):
                    if words(text) < 2 or text in CLI11_TEXTS or text in translated_text:
                        continue
                    check(False, f"{' '.join(path)} --help in {language} still says {text!r}")
                flat = re.sub(r"\s+", " ", shown.stdout)
                for piece, msgid in pieces:
                    check(piece not in flat, f"{' '.join(path)} --help in {language} shows the "
                                             f"English {piece!r} (msgid {msgid!r})")
            for command in errors:
                english = run(args.baseline, "en", command).stderr
                shown = run(args.baseline, language, command)
                check(shown.returncode != 0 and shown.stderr.strip(),
                      f"{' '.join(command)} did not fail with a message in {language}")
                check(shown.stderr != english,
                      f"{' '.join(command)} in {language} writes the English {english!r}")
                flat = re.sub(r"\s+", " ", shown.stderr)
                for piece, msgid in pieces:
                    check(piece not in flat, f"{' '.join(command)} in {language} writes the "
                                             f"English {piece!r} (msgid {msgid!r})")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(commands)} commands, {len(LANGUAGES)} languages: "
          f"{'ok' if not failures else f'{len(failures)} failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
