// The VS Code extension as VS Code would take it: the .vsix that build_vsix.py writes, its
// runtime modules resolvable from the unpacked extension, and the TextMate grammar run by
// vscode-textmate with the Oniguruma engine VS Code uses, on a shipped rule file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const repo = path.resolve(root, "../..");
const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

test("the .vsix holds the manifest, the extension and its runtime modules", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "arshjul-vsix-"));
  const vsix = execFileSync("python3", [path.join(root, "build_vsix.py"), out]).toString().trim();
  assert.equal(path.basename(vsix), `arshjul-${pkg.version}.vsix`);
  const unpacked = path.join(out, "unpacked");
  execFileSync("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", vsix, unpacked]);
  const manifest = fs.readFileSync(path.join(unpacked, "extension.vsixmanifest"), "utf8");
  assert.match(manifest, new RegExp(`Id="arshjul" Version="${pkg.version}" Publisher="arshjul"`));
  for (const f of ["package.json", "extension.js", "syntaxes/arshjul.tmLanguage.json"])
    assert.ok(fs.existsSync(path.join(unpacked, "extension", f)), f);
  // The client library resolves from inside the unpacked extension, as VS Code loads it.
  const inside = createRequire(path.join(unpacked, "extension", "extension.js"));
  assert.ok(inside.resolve("vscode-languageclient/node").startsWith(path.join(unpacked, "extension")));
  // Test-only modules are not shipped.
  assert.ok(!fs.existsSync(path.join(unpacked, "extension", "node_modules", "vscode-textmate")));
  fs.rmSync(out, { recursive: true, force: true });
});

test("the grammar colours a shipped rule file: blocks, ids, fields, months, comments", async () => {
  const oniguruma = require("vscode-oniguruma");
  const textmate = require("vscode-textmate");
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new oniguruma.OnigScanner(s),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(
        fs.readFileSync(path.join(root, "syntaxes/arshjul.tmLanguage.json"), "utf8"),
        "arshjul.tmLanguage.json"),
  });
  const grammar = await registry.loadGrammar("source.arshjul");
  const text = fs.readFileSync(path.join(repo, "rules/resultatuppfoljning.arshjul"), "utf8");
  const scopes = new Map();  // token text -> its innermost scope
  let state = textmate.INITIAL;
  for (const line of text.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const word = line.slice(t.startIndex, t.endIndex).trim();
      if (word && !scopes.has(word)) scopes.set(word, t.scopes[t.scopes.length - 1]);
    }
    state = r.ruleStack;
  }
  assert.equal(scopes.get("steg"), "keyword.control.block.arshjul");
  assert.equal(scopes.get("t1_uppföljning"), "entity.name.function.arshjul");
  assert.equal(scopes.get("NÄR"), "keyword.other.field.arshjul");
  assert.equal(scopes.get("EFTER"), "keyword.other.field.arshjul");
  assert.equal(scopes.get("april"), "constant.language.month.arshjul");
  const comment = [...scopes.entries()].find(([w]) => w.startsWith("#"));
  assert.ok(comment, "a comment token");
  assert.equal(comment[1], "comment.line.number-sign.arshjul");
});
