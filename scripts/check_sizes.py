#!/usr/bin/env python3
"""Size limits of the source tree: no function over 80 lines, no source file over 600 lines.

    scripts/check_sizes.py [--max-function N] [--max-file N] [ROOT]

Reads the C++ sources of the product, and of tests/, bench/ and fuzz/ for the file limit only (a
test case is a long list of steps and checks by nature; a test file is split by theme like any
other), and prints one located line per function or file over its limit,
"web/server.cpp:120: function `route_task` is 97 lines (limit 80)". Exit 0 when there is
none, 1 when there is one or more, 2 on bad arguments.

A function is a brace block opened right after a parameter list (and its qualifiers) at
namespace or class level; lambdas and blocks inside it count as its lines. Comments, string
and character literals are skipped so braces in them do not count.
"""
import argparse
import os
import re
import sys

PRODUCT_DIRS = ("dsl", "engine", "pictures", "present", "notify", "web", "lsp", "cli")
FILE_ONLY_DIRS = ("tests", "bench", "fuzz")
SOURCE_SUFFIXES = (".cpp", ".hpp", ".h", ".cc")


def strip_code(text, keep_strings=False):
    """The text with comments, string and character literals blanked (newlines kept); with
    `keep_strings`, ordinary string literals are kept as written (scripts/check_texts.py)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not text[i - 1].isalnum()):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = ")" + m.group(1) + '"'
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i:j] if keep_strings and c == '"' else " " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


# What may stand between a parameter list's ")" and the body's "{".
TAIL = re.compile(r"\)\s*(?:const|noexcept|override|final|mutable|&|&&|->\s*[\w:<>,\s*&]+|\s)*$")
NAME = re.compile(r"([~\w:]+(?:<[^<>]*>)?|operator\s*\S+)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*[^()]*$",
                  re.S)
SCOPE = re.compile(r"\b(namespace|struct|class|union|enum)\b[^;{}()]*$")


def functions(code):
    """(name, first line, line count) of every function body at namespace or class level."""
    found = []
    scopes = []  # per open brace: "scope" (namespace/class) or "fn" or "block"
    fn_start = None
    last = 0  # where the text before the current "{" starts
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c in ";}":
            if c == "}" and scopes:
                kind = scopes.pop()
                if kind == "fn" and fn_start is not None and "fn" not in scopes:
                    name, first = fn_start
                    found.append((name, first, line - first + 1))
                    fn_start = None
            last = i + 1
        elif c == "{":
            before = code[last:i]
            in_fn = "fn" in scopes
            if in_fn:
                scopes.append("block")
            elif SCOPE.search(before):
                scopes.append("scope")
            elif TAIL.search(before):
                m = NAME.search(before)
                name = m.group(1) if m else "?"
                # A lambda or an initialiser at namespace level is not a function of its own.
                if re.search(r"=\s*[^=]*$", before) and "(" not in before.split("=")[0][-60:]:
                    scopes.append("block")
                else:
                    scopes.append("fn")
                    fn_start = (name.strip(), line)
            else:
                scopes.append("block")
            last = i + 1
    return found


def check(root, max_function, max_file):
    problems = []
    for top in PRODUCT_DIRS + FILE_ONLY_DIRS:
        base = os.path.join(root, top)
        for dirpath, dirs, names in sorted(os.walk(base)):
            dirs[:] = [d for d in dirs if d != "node_modules"]
            for name in sorted(names):
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                lines = text.count("\n")
                if lines > max_file:
                    problems.append(f"{rel}:1: file is {lines} lines (limit {max_file})")
                if top in FILE_ONLY_DIRS:
                    continue
                for fname, first, count in functions(strip_code(text)):
                    if count > max_function:
                        problems.append(f"{rel}:{first}: function `{fname}` is {count} lines "
                                        f"(limit {max_function})")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-function", type=int, default=80)
    ap.add_argument("--max-file", type=int, default=600)
    ap.add_argument("root", nargs="?", default=os.path.join(os.path.dirname(__file__), ".."))
    a = ap.parse_args()
    problems = check(os.path.abspath(a.root), a.max_function, a.max_file)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
