// What tests/e2e/pages.test.mjs and tests/e2e/screenshots.mjs share: `arshjul serve` on the
// shipped example (rules/, examples/roster.csv, examples/records.csv imported into a new
// store) as of 2026-10-15, Debian's headless Chromium through playwright-core (no browser
// download), and signing a person in by their link.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.ARSHJUL_CHROMIUM || '/usr/bin/chromium';
export const BINARY = resolve(process.env.ARSHJUL_BINARY ?? 'build/arshjul');
export const SOURCE = resolve(process.env.ARSHJUL_SOURCE_DIR ?? '.');

/** `arshjul serve ARGS` on a free port of loopback, in `cwd`: { child, base } once it
 *  listens (base: its URL). */
export async function startServe(args, cwd) {
  const child = spawn(BINARY, ['--lang', 'sv', 'serve', '--listen', '127.0.0.1:0', ...args], { cwd });
  const base = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) ok(m[0]);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, base };
}

/** The example served in a scratch folder: { base, common, close() }. `roster(text)` may
 *  give another roster made from the example's (its units must include the example's). */
export async function serveExample(date = '2026-10-15', roster = null) {
  const work = mkdtempSync(join(tmpdir(), 'arshjul-example-'));
  let rosterPath = join(SOURCE, 'examples/roster.csv');
  if (roster) {
    const text = roster(readFileSync(rosterPath, 'utf8'));
    rosterPath = join(work, 'roster.csv');
    writeFileSync(rosterPath, text);
  }
  const common = ['--rules', join(SOURCE, 'rules'), '--roster', rosterPath,
    '--store', join(work, 'exempel.db')];
  const run = (args) => execFileSync(BINARY, ['--lang', 'sv', ...args], { cwd: work, encoding: 'utf8' }).trim();
  run(['import', join(SOURCE, 'examples/records.csv'), ...common]);
  const { child, base } = await startServe([...common, '--date', date, '--owner-role', 'Förvaltningschef'], work);
  return {
    base,
    /** A person's sign-in link (PERSON: e-mail address in the roster). */
    link: (person) => run(['token', person, ...common, '--link-base', base]),
    close() {
      child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium; CSP bypassed so that a test can inject axe-core into the pages. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new browser context signed in as `person`, its page on /my at `width` px. */
export async function signedIn(browser, example, person, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(example.link(person));
  await page.waitForURL((u) => u.pathname === '/my');
  return { context, page };
}

/** The people of the example the pages are looked at as. */
export const FORVALTNINGSCHEF = 'margareta.holm@kommunen.se';
export const REKTOR = 'anna.andersson@kommunen.se';

/** The example's roster with four more copies of each unit ("Ekbackens skola 2" ...): 150
 *  units, over the overview's 100 rows per role and unit. */
export function largerRoster(text) {
  const [head, ...rows] = text.trim().split('\n');
  const more = [];
  for (let k = 2; k <= 5; k++)
    for (const row of rows) {
      const cells = row.split(',');
      if (!cells[0]) continue;  // a role of the whole administration
      more.push([`${cells[0]} ${k}`, cells[1], `${cells[2]} ${k}`, `k${k}.${cells[3]}`, ...cells.slice(4)].join(','));
    }
  return [head, ...rows, ...more].join('\n') + '\n';
}
