// A real OpenID Connect provider for Codex's tests: oidc-provider (panva, MIT, OpenID certified)
// with a few test users, a "groups" claim, one confidential client for Codex (authorization code +
// PKCE), its own small login and consent pages and RP-initiated logout.
//
//   node provider.mjs   (settings from the environment)
//   OIDC_PORT           port on 127.0.0.1 (required)
//   OIDC_REDIRECT_URIS  Codex's redirect URIs, comma separated (e.g. http://127.0.0.1:5080/signin-oidc)
//   OIDC_POST_LOGOUT_REDIRECT_URIS  where the provider may send people after sign-out, comma separated
//   OIDC_CLIENT_ID / OIDC_CLIENT_SECRET   default codex / codex-test-secret
//
// Every user's password is "provider-password". The process ends when its standard input closes
// (the test process that started it has ended).
import http from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
if (!port) {
  console.error('OIDC_PORT is required');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const list = (value) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
export const password = 'provider-password';

// Test users: the key is what one types as login on the provider's page.
const users = {
  // Verified email of a demo person (Mehmet Yilmaz, member of Pflegeteam Nord).
  mehmet: { sub: 'sub-mehmet', email: 'mehmet.yilmaz@sozialwerk-rheinaue.example', email_verified: true, name: 'Mehmet Yilmaz', groups: ['staff'] },
  // A demo person in the group mapped to HR.
  heike: { sub: 'sub-heike', email: 'heike.sommer@sozialwerk-rheinaue.example', email_verified: true, name: 'Heike Sommer', groups: ['staff', 'codex-hr'] },
  // A demo person without an account yet in some tests; also in the HR group.
  jonas: { sub: 'sub-jonas', email: 'jonas.becker@sozialwerk-rheinaue.example', email_verified: true, name: 'Jonas Becker', groups: ['codex-hr'] },
  // Nobody in Codex has this address.
  stranger: { sub: 'sub-stranger', email: 'fremd@example.org', email_verified: true, name: 'Fremde Person', groups: [] },
  // The address of a demo person, but the provider has not verified it.
  unverified: { sub: 'sub-unverified', email: 'sabine.krueger@sozialwerk-rheinaue.example', email_verified: false, name: 'Sabine Krüger', groups: ['codex-hr'] },
};
const bySub = Object.fromEntries(Object.values(users).map((u) => [u.sub, u]));

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const pageHtml = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const configuration = {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID || 'codex',
    client_secret: process.env.OIDC_CLIENT_SECRET || 'codex-test-secret',
    redirect_uris: list(process.env.OIDC_REDIRECT_URIS),
    post_logout_redirect_uris: list(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  // The claims of the granted scopes go into the ID token too (as Entra ID and Keycloak can be set up to do).
  conformIdTokenClaims: false,
  async findAccount(ctx, sub) {
    const user = bySub[sub];
    return user && { accountId: sub, async claims() { return { ...user }; } };
  },
  cookies: { keys: ['codex-oidc-test-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = pageHtml('Sign out of the test provider?', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = pageHtml('Signed out', '<p>You have signed out of the test provider.</p>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = pageHtml('Provider error', `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 3600, AuthorizationCode: 60 },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, err) => console.error('server_error', err));
const providerCallback = provider.callback();

const readForm = (req) => new Promise((resolve, reject) => {
  let data = '';
  req.on('data', (chunk) => { data += chunk; if (data.length > 10000) reject(new Error('too large')); });
  req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(data))));
  req.on('error', reject);
});
const send = (res, status, html) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    return send(res, 400, pageHtml('Wrong interaction', ''));
  }
  const { prompt, params } = details;
  if (req.method === 'GET') {
    if (prompt.name === 'login') {
      return send(res, 200, pageHtml('Sign in to the test provider', `<form method="post" action="/interaction/${uid}/login">
<p><label for="login">Username</label> <input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
<button type="submit">Sign in</button></form>`));
    }
    return send(res, 200, pageHtml('Allow access?', `<p>${escape(params.client_id)} asks for: ${escape(params.scope)}</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>`));
  }
  const form = await readForm(req);
  if (action === 'login') {
    const user = users[form.login];
    if (!user || form.password !== password) {
      return send(res, 200, pageHtml('Sign in to the test provider', `<p role="alert">Wrong username or password.</p><p><a href="/interaction/${uid}">Try again</a></p>`));
    }
    return provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    grant ??= new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  return send(res, 404, pageHtml('Not found', ''));
}

const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(login|confirm))?(?:\?.*)?$/.exec(req.url);
  if (!match) {
    return providerCallback(req, res);
  }
  try {
    await interaction(req, res, match[1], match[2]);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) send(res, 500, pageHtml('Interaction failed', `<pre>${escape(err.message)}</pre>`));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`oidc test provider listening on ${issuer}`));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
