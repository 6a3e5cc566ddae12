// A real OpenID provider for the sign-in tests: the npm package oidc-provider (pinned in
// package-lock.json) on loopback, with one client (arshjul's), an RS256 key made here, and
// its development login page, where any address signs in with any password (the test's
// users: whoever the test types in). Two switches make it misbehave the ways the tests need,
// each producing a token signed with the provider's own key, so that arshjul can only
// refuse it for what it says:
//   clockBehind(seconds)  the provider's clock runs that far behind while it issues tokens
//                         (an ID token that has expired when it arrives)
//   audience(aud)         the provider issues the ID token for another client
import { createServer } from 'node:http';
import { createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

/** A free port on loopback (for a server whose URL must be known before it starts). */
export function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

/** `token` re-signed by `key` (RS256) with `changes` merged into its claims. */
function resigned(token, key, changes) {
  const [header, payload] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url')), ...changes };
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${b64url(signature)}`;
}

/** Starts the provider on `host` (a loopback name) for a client whose callback is
 *  `redirectUri`: { issuer, clientId, secret, clockBehind(s), audience(a), close() }. */
export async function startProvider({ host = 'localhost', redirectUri, clientId = 'arshjul', secret = 'test-secret-9f3a' }) {
  const port = await freePort();
  const issuer = `http://${host}:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: secret, redirect_uris: [redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['arshjul-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The claims of the scopes asked for in the ID token itself (not only from userinfo).
    conformIdTokenClaims: false,
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: id, email_verified: true }),
    }),
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, IdToken: 3600, AccessToken: 600,
      AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
  });
  const mode = { behind: 0, aud: null };
  const realNow = Date.now;
  provider.use(async (ctx, next) => {
    const token = ctx.path === '/token';
    if (token && mode.behind) Date.now = () => realNow() - mode.behind * 1000;
    try {
      await next();
    } finally {
      Date.now = realNow;
    }
    if (token && mode.aud && ctx.body?.id_token)
      ctx.body = { ...ctx.body, id_token: resigned(ctx.body.id_token, key, { aud: mode.aud }) };
  });
  const server = createServer(provider.callback());
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    issuer,
    clientId,
    secret,
    clockBehind(seconds) { mode.behind = seconds; },
    audience(aud) { mode.aud = aud; },
    close() { server.close(); },
  };
}

/** On the provider's development login page (and its consent page): signs in as `login`. */
export async function providerSignIn(page, login) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('input[name="prompt"][value="consent"]');
  await page.waitForLoadState();
  if (await consent.count()) await page.locator('button[type="submit"]').click();
}
