#!/usr/bin/env python3
"""Builds arshjul-VERSION.vsix: the extension as VS Code installs it (`code --install-extension
FILE`), without @vscode/vsce. A .vsix is a zip of [Content_Types].xml, extension.vsixmanifest
and the extension under extension/, with its runtime node_modules (run `npm ci` first).

Usage: python3 build_vsix.py [OUT_DIR]   (default: this folder)
"""
import json
import pathlib
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
FILES = ["package.json", "extension.js", "language-configuration.json",
         "syntaxes/arshjul.tmLanguage.json", "README.md"]

CONTENT_TYPES = """<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension=".json" ContentType="application/json"/>
<Default Extension=".js" ContentType="application/javascript"/>
<Default Extension=".md" ContentType="text/markdown"/>
<Default Extension=".vsixmanifest" ContentType="text/xml"/>
<Default Extension=".txt" ContentType="text/plain"/>
</Types>
"""


def manifest(pkg):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011">
  <Metadata>
    <Identity Language="en-US" Id="{escape(pkg['name'])}" Version="{escape(pkg['version'])}" Publisher="{escape(pkg['publisher'])}"/>
    <DisplayName>{escape(pkg['displayName'])}</DisplayName>
    <Description xml:space="preserve">{escape(pkg['description'])}</Description>
    <Categories>{escape(','.join(pkg['categories']))}</Categories>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="{escape(pkg['engines']['vscode'])}"/>
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace"/>
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code"/>
  </Installation>
  <Dependencies/>
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/>
  </Assets>
</PackageManifest>
"""


def runtime_modules(pkg):
    """The packages `dependencies` needs, transitively, as node_modules/NAME folders."""
    lock = json.loads((HERE / "package-lock.json").read_text())["packages"]
    seen, todo = set(), list(pkg.get("dependencies", {}))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        entry = lock.get("node_modules/" + name)
        if entry is None:
            sys.exit(f"{name} is not in package-lock.json")
        todo.extend(entry.get("dependencies", {}))
    return sorted(seen)


def main():
    out_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    pkg = json.loads((HERE / "package.json").read_text())
    out = out_dir / f"{pkg['name']}-{pkg['version']}.vsix"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("extension.vsixmanifest", manifest(pkg))
        for name in FILES:
            z.write(HERE / name, "extension/" + name)
        for module in runtime_modules(pkg):
            folder = HERE / "node_modules" / module
            if not folder.is_dir():
                sys.exit(f"node_modules/{module} is missing: run `npm ci` in {HERE}")
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    z.write(f, "extension/" + f.relative_to(HERE).as_posix())
    print(out)


if __name__ == "__main__":
    main()
