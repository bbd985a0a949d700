/* global window, location, performance, auth0 */
// The bench's adapter for auth0.js 10: the same four steps as bench/pages/ours.js. The emulator is plain http,
// so the domain is given with its scheme (auth0.js then uses it as its root URL) and the ID token's issuer and
// JWKS are named through `overrides`. The response type is implicit (`id_token token`): auth0.js verifies
// ID tokens in parseHash, and exchanging a code for tokens is not part of its browser flow.
;(() => {
  const { origin, emulator, clientID } = window.benchConfig
  let webAuth
  const init = () =>
    (webAuth = new auth0.WebAuth({
      domain: emulator,
      clientID,
      redirectUri: `${origin}/auth0/callback`,
      responseType: 'id_token token',
      overrides: { __token_issuer: `${emulator}/`, __jwks_uri: `${emulator}/.well-known/jwks.json` },
    }))
  const promise = (call) =>
    new Promise((resolve, reject) => call((error, result) => (error ? reject(error) : resolve(result))))
  const describe = (error) => `${error.code ?? error.error}: ${error.description ?? error.errorDescription}`

  window.benchAdapter = {
    init,
    start: (email) =>
      promise((done) => webAuth.passwordlessStart({ connection: 'email', send: 'code', email }, done)),
    // The callback is only called on failure; on success auth0.js leaves the page.
    login: (email, verificationCode) =>
      promise((done) =>
        webAuth.passwordlessLogin({ connection: 'email', email, verificationCode }, done),
      ).catch((error) => (window.benchError = describe(error))),
  }

  if (location.pathname === '/auth0/callback') {
    init()
    webAuth.parseHash((error, result) => {
      if (error) window.benchError = describe(error)
      else
        window.benchResult = {
          at: performance.timeOrigin + performance.now(),
          sub: result.idTokenPayload.sub,
        }
    })
  }
})()
