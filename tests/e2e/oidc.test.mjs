// Sign-in with the municipality's identity provider (issue 20, item 5), end to end in
// Debian's headless Chromium (playwright-core) against a real OpenID provider run here
// (oidc-provider, tests/e2e/oidc_provider.mjs): the authorization code flow with PKCE, the
// discovery document, the ID token checked against the provider's JWKS. The provider is on
// `localhost` and arshjul on `127.0.0.1`: two sites, as a real provider and server are, so
// the state cookie must survive a navigation from another site.
//
// A good sign-in lands on "Mina uppgifter" as the right person, and its session ends with
// Logga ut like a link's; an unknown person, a replayed answer, an answer in a browser that
// did not begin the sign-in, a token for another client and an expired token are each
// refused with a page that says why; a mailed link still signs in beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINARY, launch } from './example.mjs';
import { freePort, startProvider, providerSignIn } from './oidc_provider.mjs';

const RULES = `process skola "Skolans år"
  cykel kalenderår

roll Rektor per enhet

steg läsa
  NÄR   september–december
  VEM   Rektor
  VAD   Läs planen
`;
const ROSTER = `enhet,roll,namn,epost
Ekskolan,Rektor,Anna Andersson,anna@example.se
Björkskolan,Rektor,Bo Berg,bo@example.se
`;

const work = mkdtempSync(join(tmpdir(), 'arshjul-oidc-'));
let browser, provider, serve, base;

/** `arshjul serve` on `port` with the configuration file of `work`; resolves once it listens. */
function startServe(port) {
  const child = spawn(BINARY, ['--lang', 'sv', '--config', join(work, 'arshjul.toml'), 'serve',
    '--listen', `127.0.0.1:${port}`, '--date', '2026-10-15'],
  { cwd: work, env: { ...process.env, ARSHJUL_TEST_OIDC_SECRET: provider.secret } });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (out.includes(`:${port}/`)) ok(child); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  provider = await startProvider({ redirectUri: `${base}oidc/callback` });
  writeFileSync(join(work, 'regler.arshjul'), RULES);
  writeFileSync(join(work, 'enheter.csv'), ROSTER);
  writeFileSync(join(work, 'arshjul.toml'), `rules = "regler.arshjul"
roster = "enheter.csv"
store = "lager.db"

[oidc]
issuer = "${provider.issuer}"
client_id = "${provider.clientId}"
client_secret_env = "ARSHJUL_TEST_OIDC_SECRET"
redirect_url = "${base}oidc/callback"
`);
  serve = await startServe(port);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  serve?.kill('SIGTERM');
  provider?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A new browser: from arshjul's sign-in page to the provider, signed in there as `login`;
 *  resolves to { context, page, callback } once back at arshjul (callback: the URL of the
 *  provider's answer, with its code and state). */
async function signInAs(login) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const answered = page.waitForRequest((r) => r.url().startsWith(`${base}oidc/callback`));
  const first = await page.goto(`${base}my`);
  assert.equal(first.status(), 401);
  await page.locator('a.oidc').click();
  await page.waitForURL((u) => u.origin === provider.issuer);
  await providerSignIn(page, login);
  const callback = (await answered).url();
  await page.waitForLoadState();
  return { context, page, callback };
}

async function heading(page) {
  return (await page.locator('h1').textContent()).trim();
}

test('a good sign-in lands on "Mina uppgifter" as the right person, and Logga ut ends it', async () => {
  const { context, page } = await signInAs('anna@example.se');
  await page.waitForURL((u) => u.pathname === '/my');
  assert.equal(await heading(page), 'Mina uppgifter');
  assert.match(await page.locator('header').textContent(), /Anna Andersson/);
  // Her tasks (last cycle's overdue reading and this one's), none of Bo's.
  assert.deepEqual(await page.locator('ul.tasks li').evaluateAll((els) => els.map((e) => e.dataset.unit)),
    ['Ekskolan', 'Ekskolan']);
  // The session is the link's kind: the same cookie flags, and Logga ut ends it.
  const cookie = (await context.cookies()).find((c) => c.name === 'arshjul');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal((await context.cookies()).some((c) => c.name === 'arshjul_oidc'), false);
  await page.locator('form[action="/signout"] button').first().click();
  await page.waitForLoadState();
  const after = await page.goto(`${base}my`);
  assert.equal(after.status(), 401);
  await context.close();
});

test('an unknown person is refused with a page naming the address', async () => {
  const { context, page } = await signInAs('okand@example.se');
  assert.equal(await heading(page), 'Okänd person');
  assert.match(await page.locator('main').textContent(), /okand@example\.se.*finns inte i årshjulets enhetslista/s);
  assert.equal((await page.goto(`${base}my`)).status(), 401);
  await context.close();
});

test('a replayed answer is refused: once with the state cookie, and in another browser', async () => {
  const { context, page, callback } = await signInAs('bo@example.se');
  await page.waitForURL((u) => u.pathname === '/my');
  const state = new URL(callback).searchParams.get('state');
  // The same answer again, with the state cookie put back: the store knows it was used.
  const again = await browser.newContext();
  await again.addCookies([{ name: 'arshjul_oidc', value: state, url: base }]);
  const replay = await again.newPage();
  const refused = await replay.goto(callback);
  assert.equal(refused.status(), 403);
  assert.equal(await heading(replay), 'Inloggningen nekades');
  assert.match(await replay.locator('main').textContent(), /har redan använts/);
  assert.equal((await replay.goto(`${base}my`)).status(), 401);
  // Without the cookie (a browser that did not begin this sign-in).
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  assert.equal((await otherPage.goto(callback)).status(), 403);
  assert.match(await otherPage.locator('main').textContent(), /påbörjades inte i den här webbläsaren/);
  await Promise.all([context.close(), again.close(), other.close()]);
});

test('an ID token issued for another client is refused', async () => {
  provider.audience('annan-tjanst');
  try {
    const { context, page } = await signInAs('anna@example.se');
    assert.equal(await heading(page), 'Inloggningen nekades');
    assert.match(await page.locator('main').textContent(), /utfärdat för en annan tjänst/);
    assert.equal((await page.goto(`${base}my`)).status(), 401);
    await context.close();
  } finally {
    provider.audience(null);
  }
});

test('an expired ID token (the provider\'s clock two hours behind) is refused', async () => {
  provider.clockBehind(2 * 3600);
  try {
    const { context, page } = await signInAs('anna@example.se');
    assert.equal(await heading(page), 'Inloggningen nekades');
    assert.match(await page.locator('main').textContent(), /hade redan gått ut/);
    assert.equal((await page.goto(`${base}my`)).status(), 401);
    await context.close();
  } finally {
    provider.clockBehind(0);
  }
});

test('a mailed link still signs in beside the provider', async () => {
  const link = execFileSync(BINARY, ['--lang', 'sv', '--config', join(work, 'arshjul.toml'), 'token',
    'anna@example.se', '--link-base', base], { cwd: work, encoding: 'utf8' }).trim();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL((u) => u.pathname === '/my');
  assert.equal(await heading(page), 'Mina uppgifter');
  await context.close();
});

test('a code the provider refuses, and a sign-in cancelled at the provider, are refused', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}oidc/login`);
  await page.waitForURL((u) => u.origin === provider.issuer);
  const state = (await context.cookies(base)).find((c) => c.name === 'arshjul_oidc').value;
  // The state is this browser's, but the code is none the provider issued.
  const forged = await page.goto(`${base}oidc/callback?code=made-up&state=${encodeURIComponent(state)}`);
  assert.equal(forged.status(), 403);
  assert.match(await page.locator('main').textContent(), /kunde inte styrkas/);
  const cancelled = await page.goto(`${base}oidc/callback?error=access_denied`);
  assert.equal(cancelled.status(), 403);
  assert.match(await page.locator('main').textContent(), /avbröts.*\(access_denied\)/s);
  // The error parameter is anyone's to write: only a plain code is shown.
  await page.goto(`${base}oidc/callback?error=${encodeURIComponent('Ring 070-123 så hjälper vi dig')}`);
  assert.match(await page.locator('main').textContent(), /avbröts.*\(\?\)/s);
  assert.equal((await page.goto(`${base}my`)).status(), 401);
  await context.close();
});
