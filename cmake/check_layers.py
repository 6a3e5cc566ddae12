#!/usr/bin/env python3
"""Checks that the sources of arshjul's folders include only what their layer may include.

    check_layers.py --root DIR --layers "dsl engine ..." [--free "tests bench"]
                    [--allow FILE:HEADER]... FOLDER...

The layers are given lowest first: a file in a layer's folder may include (#include "x/...")
headers of its own folder and of the layers before it. A folder in --free (tests, bench,
fuzz) may include any layer, but no layer may include it. An include of a folder that is
neither (a system or third-party header written with quotes) is not looked at. Every wrong
include is printed located, as a compiler would:

    web/server.cpp:12: web/ may not include cli/common.hpp (layers: dsl < engine < ... < cli)

--allow FILE:HEADER lets one known wrong include through (the short list in layers.cmake).
Exit 0 when every include is allowed, 1 otherwise, 2 on bad arguments.
The table itself lives in cmake/layers.cmake; this script only applies it.
"""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCES = (".cpp", ".hpp", ".h", ".cc", ".hh", ".ipp", ".inc")


def included_path(root, source, header):
    """The include as a path from the root: relative to the including file when it exists
    there (so "../cli/x.hpp" cannot slip through), else as written (from the root)."""
    beside = os.path.normpath(os.path.join(os.path.dirname(source), header))
    if os.path.exists(os.path.join(root, beside)) and not beside.startswith(".."):
        return beside.replace(os.sep, "/")
    return os.path.normpath(header).replace(os.sep, "/")


def allowed_folders(folder, layers, free):
    if folder in free:
        return set(layers) | set(free)
    return set(layers[: layers.index(folder) + 1])


def check_folder(root, folder, layers, free, allow):
    known = set(layers) | set(free)
    may = allowed_folders(folder, layers, free)
    order = " < ".join(layers)
    errors = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
        dirnames[:] = sorted(d for d in dirnames if d not in ("node_modules", "build"))
        for name in sorted(filenames):
            if not name.endswith(SOURCES):
                continue
            path = os.path.join(dirpath, name)
            source = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    header = included_path(root, source, m.group(1))
                    top = header.split("/")[0] if "/" in header else folder
                    if top not in known or top in may:
                        continue
                    if f"{source}:{header}" in allow:
                        continue
                    errors.append(f"{source}:{number}: {folder}/ may not include {header} "
                                  f"(layers: {order})")
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--layers", required=True, help="the layers, lowest first, space separated")
    ap.add_argument("--free", default="", help="folders that may include any layer")
    ap.add_argument("--allow", action="append", default=[], help="FILE:HEADER, a known exception")
    ap.add_argument("folders", nargs="+")
    args = ap.parse_args()
    layers, free = args.layers.split(), args.free.split()
    errors = []
    for folder in args.folders:
        if folder not in layers and folder not in free:
            print(f"check_layers: {folder}/ is in no layer (layers: {' < '.join(layers)})",
                  file=sys.stderr)
            return 2
        errors += check_folder(args.root, folder, layers, free, set(args.allow))
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
