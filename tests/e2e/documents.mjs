// The HTML documents `arshjul` writes for managers (the audit, the audit of several years,
// the report, the follow-up) and the HTML part of the longest reminder of the night, made
// from the shipped example, and Debian's headless Chromium
// to read them: shared by documents.test.mjs (reflow, axe-core, print) and screenshots.mjs
// (the pictures in docs/). Nothing is downloaded: axe-core and playwright-core come from
// tests/e2e/node_modules (pinned in package-lock.json), the browser is /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.ARSHJUL_CHROMIUM || '/usr/bin/chromium';
export const BINARY = process.env.ARSHJUL_BINARY ?? resolve('build/arshjul');
export const SOURCE = process.env.ARSHJUL_SOURCE_DIR ?? resolve('.');

/** The documents, each as [name, arshjul arguments, the exit codes it may end with]. */
function cases(store, plan) {
  return [
    ['audit', ['audit', '--year', '2026', '--as-of', '2026-10-15', '--store', store]],
    ['audit-all', ['audit', '--year', '2026', '--as-of', '2026-10-15', '--store', store, '--all']],
    ['audit-years', ['audit', '--years', '2025-2026', '--as-of', '2026-10-15', '--store', store]],
    ['report', ['report', 'rules/resultatuppfoljning.arshjul', '--year', '2026', '--store', store,
      '--date', '2026-10-15']],
    ['followup', ['followup', '--year', '2019', '--tertial', 'T1', '--store', plan]],
  ];
}

/** Runs the binary in the source tree with the example's configuration; exit 1 (findings) is
 *  a document too. */
function arshjul(args) {
  try {
    return execFileSync(BINARY, ['--lang', 'sv', ...args], {
      cwd: SOURCE,
      encoding: 'utf8',
      env: { ...process.env, ARSHJUL_CONFIG: join(SOURCE, 'examples', 'arshjul.toml') },
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    if (e.status === 1 && e.stdout) return e.stdout;
    throw e;
  }
}

/** The HTML part of the longest message `remind` writes for 2026-10-15 (the förvaltningschef's,
 *  with the most steps and units), as Python's email package decodes it. */
function reminderHtml(work, store) {
  const out = join(work, 'mail');
  arshjul(['remind', '--date', '2026-10-15', '--store', store, '--out', out]);
  const longest = readdirSync(out).map((f) => join(out, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return execFileSync('/usr/bin/python3', ['-c', [
    'import email, sys',
    'from email import policy',
    "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)",
    "sys.stdout.write(m.get_body(('html',)).get_content())"].join('\n'), longest],
  { encoding: 'utf8' });
}

/** Writes every document into a new temp folder; returns { work, files: {name: path} }. */
export function makeDocuments() {
  const work = mkdtempSync(join(tmpdir(), 'arshjul-documents-'));
  const store = join(work, 'demo.db');
  const plan = join(work, 'plan.db');
  arshjul(['import', 'examples/records.csv', '--store', store]);
  arshjul(['import', 'examples/vp2019-status.csv', '--store', plan]);
  const files = {};
  for (const [name, args] of cases(store, plan)) {
    const file = join(work, `${name}.html`);
    writeFileSync(file, arshjul([...args, '--format', 'html']));
    files[name] = file;
  }
  files.reminder = join(work, 'reminder.html');
  writeFileSync(files.reminder, reminderHtml(work, store));
  return { work, files };
}

/** A headless Chromium with a fresh profile in `work`. */
export async function launch(work) {
  return chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
}

/** axe-core's script, from the pinned package. */
export function axeSource() {
  return createRequire(import.meta.url)('axe-core').source;
}
