// End-to-end tests of `arshjul serve` (issue 9) in Debian's headless Chromium, driven by
// playwright-core (no browser is downloaded: executablePath is /usr/bin/chromium).
//
// A person signs in by link, sees "my tasks", marks a step done and sees the overview
// change; another unit's task is refused (403); expired and altered links are refused; a VAD
// holding <script> shows as text; a POST the browser sends again (its answer lost) records one
// entry. Run by ctest (tests/CMakeLists.txt) with ARSHJUL_BINARY
// set; ARSHJUL_TEST_ARTIFACTS=<dir> keeps the screenshot of "my tasks" (my-tasks.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServe } from './example.mjs';

const CHROMIUM = '/usr/bin/chromium';
const BINARY = process.env.ARSHJUL_BINARY ?? resolve('build/arshjul');
const SOURCE = process.env.ARSHJUL_SOURCE_DIR ?? resolve('.');
const VAD = `Läs <script>document.title='HACKED'</script> & "citat"`;

const RULES = `process skola "Skolans år"
  cykel kalenderår

roll Rektor per enhet
roll Förvaltningschef

steg läsa
  NÄR   september–december
  VEM   Rektor
  VAD   ${VAD}

steg bedöma
  NÄR   oktober–december
  VEM   Förvaltningschef
  VAD   Förvaltningschefen bedömer läsningen
  EFTER läsa
`;
const ROSTER = `enhet,roll,namn,epost
Ekskolan,Rektor,Anna Andersson,anna@example.se
Björkskolan,Rektor,Bo Berg,bo@example.se
,Förvaltningschef,Fia Fors,fia@example.se
`;

const work = mkdtempSync(join(tmpdir(), 'arshjul-e2e-'));
const servers = [];
let context;

/** Starts `arshjul serve` on a free port; resolves to its base URL once it listens. */
async function serve(args) {
  const { child, base } = await startServe(args, work);
  servers.push(child);
  return base;
}

function arshjul(args) {
  return execFileSync(BINARY, ['--lang', 'sv', ...args], { cwd: work, encoding: 'utf8' }).trim();
}

before(async () => {
  writeFileSync(join(work, 'regler.arshjul'), RULES);
  writeFileSync(join(work, 'enheter.csv'), ROSTER);
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 900, height: 900 },
  });
});

after(async () => {
  await context?.close();
  for (const s of servers) s.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

/** The counts of the overview's row for a role and unit, by state. */
async function overviewRow(page, base, role, unit) {
  await page.goto(base);
  const row = page.locator(`#status tr[data-role="${role}"][data-unit="${unit}"]`);
  const counts = {};
  for (const cell of await row.locator('td[data-state]').all())
    counts[await cell.getAttribute('data-state')] = Number(await cell.textContent());
  return counts;
}

test('sign in by link, see my tasks, mark one done, see the overview change', async () => {
  const base = await serve(['--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager.db', '--date', '2026-10-15']);
  const link = arshjul(['token', 'anna@example.se', '--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager.db', '--link-base', base]);
  const page = await context.newPage();

  const signedIn = await page.goto(link);
  assert.equal(signedIn.status(), 200);
  await page.waitForURL((u) => u.pathname === '/my');
  assert.equal(await page.locator('h1').textContent(), 'Mina uppgifter');
  // Last cycle's reading was never done (overdue), this cycle's is open: both Ekskolan's.
  const mine = page.locator('ul.tasks li');
  assert.equal(await mine.count(), 2);
  assert.deepEqual(await mine.evaluateAll((els) => els.map((e) => [e.className, e.dataset.unit])),
    [['overdue', 'Ekskolan'], ['ready', 'Ekskolan']]);

  const before = await overviewRow(page, base, 'Rektor', 'Ekskolan');
  assert.deepEqual([before.ready, before.done], [1, 0]);

  // By keyboard, as a person without a mouse would: the task link, then the form.
  await page.goto(base + 'my');
  await page.locator('ul.tasks li.ready a').focus();
  await Promise.all([page.waitForURL(/\/task\?/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('#state').getAttribute('data-state'), 'ready');
  await page.locator('#date').fill('2026-10-14');
  await page.locator('#note').fill('Läst på APT');
  await page.locator('#note').focus();
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForURL(/saved=1/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('p.ok').textContent(), 'Sparat.');
  assert.equal(await page.locator('#state').getAttribute('data-state'), 'done');
  assert.match(await page.locator('#history').textContent(), /Anna Andersson <anna@example\.se>.*Läst på APT/s);

  const afterDone = await overviewRow(page, base, 'Rektor', 'Ekskolan');
  assert.deepEqual([afterDone.ready, afterDone.done], [0, 1]);
  const other = await overviewRow(page, base, 'Rektor', 'Björkskolan');
  assert.deepEqual([other.ready, other.done], [1, 0]);

  // Another unit's task: no form on its page, and a form altered to name it is refused.
  await page.goto(base + 'task?p=skola&c=2026&s=l%C3%A4sa&u=Bj%C3%B6rkskolan&n=1');
  assert.equal(await page.locator('form[action="/done"]').count(), 0);
  await page.goto(base + 'task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1');
  await page.locator('input[name="u"]').evaluate((el) => { el.value = 'Björkskolan'; });
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/done')),
    page.locator('button.primary').click(),
  ]);
  assert.equal(refused.status(), 403);
  const still = await overviewRow(page, base, 'Rektor', 'Björkskolan');
  assert.equal(still.done, 0);

  // A VAD holding <script> shows as text and runs nothing.
  await page.goto(base + 'task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1');
  assert.equal(await page.locator('#what').textContent(), VAD);
  assert.equal(await page.locator('script').count(), 0);
  assert.notEqual(await page.title(), 'HACKED');
  await page.close();
});

test('an expired or altered link is refused', async () => {
  const base = await serve(['--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager2.db', '--date', '2026-10-15']);
  const common = ['--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager2.db', '--link-base', base];
  const page = await context.newPage();
  await context.clearCookies();

  const expired = await page.goto(arshjul(['token', 'bo@example.se', '--days', '0', ...common]));
  assert.equal(expired.status(), 403);
  assert.match(await page.locator('h1').textContent(), /gått ut/);

  const link = arshjul(['token', 'bo@example.se', ...common]);
  const at = link.indexOf('t=') + 5;
  const altered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  const res = await page.goto(altered);
  assert.equal(res.status(), 403);
  assert.equal((await context.cookies()).length, 0);
  const my = await page.goto(base + 'my');
  assert.equal(my.status(), 401);

  const good = await page.goto(link);
  assert.equal(good.status(), 200);
  await page.waitForURL((u) => u.pathname === '/my');
  await page.close();
});

test('my tasks on the shipped example, on a phone-sized and a desktop screen', async () => {
  arshjul(['import', join(SOURCE, 'examples/records.csv'), '--rules', join(SOURCE, 'rules'), '--roster', join(SOURCE, 'examples/roster.csv'), '--store', 'exempel.db']);
  const common = ['--rules', join(SOURCE, 'rules'), '--roster', join(SOURCE, 'examples/roster.csv'), '--store', 'exempel.db'];
  const base = await serve([...common, '--date', '2026-10-15']);
  const page = await context.newPage();
  await page.goto(arshjul(['token', 'lena.olsson@kommunen.se', ...common, '--link-base', base]));
  await page.waitForURL((u) => u.pathname === '/my');
  assert.equal(await page.locator('h1').textContent(), 'Mina uppgifter');
  assert.ok(await page.locator('ul.tasks li').count() >= 1, 'Lena Olsson has tasks on 2026-10-15');
  // Readable on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone`);
  await page.setViewportSize({ width: 1000, height: 900 });
  const png = join(work, 'my-tasks.png');
  await page.screenshot({ path: png, fullPage: true });
  assert.ok(existsSync(png));
  if (process.env.ARSHJUL_TEST_ARTIFACTS) {
    mkdirSync(process.env.ARSHJUL_TEST_ARTIFACTS, { recursive: true });
    copyFileSync(png, join(process.env.ARSHJUL_TEST_ARTIFACTS, 'my-tasks.png'));
  }
  await page.close();
});

test('a link clicked in webmail (another site) signs in despite SameSite=Strict', async () => {
  // The webmail: a page on another site (localhost is not 127.0.0.1 to a browser) with the
  // link in a mail. A sign-in answered by a redirect lands on /my without the cookie (401).
  const base = await serve(['--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager3.db', '--date', '2026-10-15']);
  const link = arshjul(['token', 'anna@example.se', '--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager3.db', '--link-base', base]);
  const webmail = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Inkorg</title><p>Påminnelse: <a id="link" href="${link}">logga in</a></p>`);
  });
  await new Promise((ok) => webmail.listen(0, 'localhost', ok));
  try {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`http://localhost:${webmail.address().port}/`);
    const [landed] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/my'),
      page.locator('#link').click(),
    ]);
    assert.equal(landed.status(), 200);
    assert.equal(await page.locator('h1').textContent(), 'Mina uppgifter');
    await page.close();
  } finally {
    webmail.close();
  }
});

test('a POST the browser sends again after its answer was lost records one entry', async () => {
  const store = ['--rules', 'regler.arshjul', '--roster', 'enheter.csv', '--store', 'lager4.db'];
  const base = await serve([...store, '--date', '2026-10-15']);
  const link = arshjul(['token', 'anna@example.se', ...store, '--link-base', base]);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL((u) => u.pathname === '/my');
  await page.goto(base + 'task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1');
  await page.locator('#date').fill('2026-10-14');
  await page.locator('#note').fill('Läst på APT');
  // Klar: the POST reaches the server, its answer is lost; meanwhile someone records another
  // entry for the task (the form is no longer the latest entry's twin); then the browser sends
  // the same POST again, as it does when a kept-alive connection broke.
  const answers = [];
  await page.route('**/done', async (route) => {
    answers.push((await route.fetch({ maxRedirects: 0 })).status());
    arshjul(['done', 'läsa', '--year', '2026', '--unit', 'Ekskolan', '--date', '2026-10-13',
      '--note', 'Rättat på papper', '--process', 'skola', ...store]);
    const again = await route.fetch({ maxRedirects: 0 });
    answers.push(again.status());
    await route.fulfill({ response: again });
  });
  await Promise.all([page.waitForURL(/saved=1/), page.locator('button.primary').click()]);
  assert.deepEqual(answers, [303, 303]);
  assert.equal(await page.locator('p.ok').textContent(), 'Sparat.');
  const history = await page.locator('#history').textContent();
  assert.equal(history.split('Läst på APT').length - 1, 1);
  assert.equal(history.split('Rättat på papper').length - 1, 1);
  await page.close();
});
