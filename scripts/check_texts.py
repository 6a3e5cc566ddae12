#!/usr/bin/env python3
"""User text goes through the message catalogue (dsl/messages.hpp, dsl/texts/*.inc).

    scripts/check_texts.py [ROOT]

Reads the product's C++ sources (dsl, engine, pictures, present, notify, web, cli; not the
catalogue's own table files, not tests/) and prints one located line per place that words
text for the user outside the catalogue:

  - a choice of words by language: `sv ? ... : ...`, `lang == Lang::sv ? ...`, `.sv ? ...`;
  - a literal pair: a Swedish literal and an English one as the only two of a brace list or
    the last two arguments of a call, `{"klar", "done"}`, as tr(lang, sv, en) and the word
    tables wrote them;
  - a literal with Swedish letters (å, ä, ö) in a file that has more of them than its line
    in scripts/texts_allowlist.txt allows (rule-language vocabulary, SQL of old schemas and
    the commands' help texts not yet moved are counted there; the count may only go down).

A line with the comment `// vocabulary: why` is passed over by the first two checks (the
rule language's own words, parsed as well as printed). Exit 0 when there is none, 1 when there is one or more, 2 on bad arguments.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_sizes import strip_code  # noqa: E402  (comments blanked, literals kept)

PRODUCT_DIRS = ("dsl", "engine", "pictures", "present", "notify", "web", "cli")
SOURCE_SUFFIXES = (".cpp", ".hpp")
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')
SWEDISH = re.compile(r"[åäöÅÄÖ]")
BY_LANGUAGE = re.compile(
    r"(\bsv\s*\?|Lang::(sv|en)\s*\)?\s*\?|\.sv\s*\?|\bsv\s*:\s*en\b)")
PAIR = re.compile(r'[{(,]\s*("(?:[^"\\\n]|\\.)*")\s*,\s*("(?:[^"\\\n]|\\.)*")\s*[})]')
# The catalogue itself, and a line that says why its words are not user text (the rule
# language's vocabulary, which rule files are written in and which is parsed).
CATALOGUE = ("dsl/messages.hpp", "dsl/messages.cpp")
MARKER = "// vocabulary:"


def read_allowlist(root):
    allowed = {}
    path = os.path.join(root, "scripts", "texts_allowlist.txt")
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 2 or not parts[1].isdigit():
                print(f"{path}:{number}: expected 'FILE COUNT'", file=sys.stderr)
                sys.exit(2)
            allowed[parts[0]] = int(parts[1])
    return allowed


def check_file(root, rel, allowed, problems):
    if rel in CATALOGUE:
        return
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        raw = f.read()
    raw_lines = raw.split("\n")
    lines = strip_code(raw, keep_strings=True).split("\n")
    swedish_lines = []
    for number, line in enumerate(lines, 1):
        if MARKER in raw_lines[number - 1]:
            continue
        if BY_LANGUAGE.search(LITERAL.sub('""', line)):
            problems.append(f"{rel}:{number}: words chosen by language outside the catalogue: "
                            f"use say<Msg::key>(lang, ...) or tr<Msg::key>(lang)")
        for m in PAIR.finditer(line):
            first, second = m.group(1), m.group(2)
            if SWEDISH.search(first) and re.search(r"[A-Za-z]", second) and \
                    not SWEDISH.search(second):
                problems.append(f"{rel}:{number}: a Swedish/English literal pair: add it to "
                                f"dsl/texts/ and use its key")
        if any(SWEDISH.search(lit) for lit in LITERAL.findall(line)):
            swedish_lines.append(number)
    limit = allowed.get(rel, 0)
    if len(swedish_lines) > limit:
        shown = ", ".join(str(n) for n in swedish_lines[:12])
        problems.append(f"{rel}:{swedish_lines[0]}: {len(swedish_lines)} lines with Swedish "
                        f"literals, {limit} allowed (scripts/texts_allowlist.txt); lines {shown}: "
                        f"user text belongs in dsl/texts/")


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(__file__), "..")
    allowed = read_allowlist(root)
    problems = []
    for folder in PRODUCT_DIRS:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    check_file(root, rel, allowed, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
