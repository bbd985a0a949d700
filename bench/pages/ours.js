/* global window, location, performance, PasswordlessWebAuth */
// The bench's adapter for our UMD: the same four steps as bench/pages/auth0.js, through the WebAuth class
// (the auth0.js-compatible API) with its defaults (code flow with PKCE, ID token verified against the JWKS).
;(() => {
  const { origin, emulator, clientID } = window.benchConfig
  // /ours-implicit/*: the same SDK with auth0.js's flow (tokens in the fragment, no code exchange).
  const variant = location.pathname.split('/')[1]
  const flow = variant === 'ours-implicit' ? { responseType: 'id_token token' } : {}
  let webAuth
  const init = () =>
    (webAuth = new PasswordlessWebAuth.WebAuth({
      domain: emulator,
      clientID,
      redirectUri: `${origin}/${variant}/callback`,
      ...flow,
    }))

  window.benchAdapter = {
    init,
    start: (email) => webAuth.passwordlessStart({ connection: 'email', send: 'code', email }),
    login: (email, verificationCode) =>
      webAuth.passwordlessLogin({ connection: 'email', email, verificationCode }).catch((error) => {
        window.benchError = `${error.code}: ${error.message}`
      }),
  }

  if (location.pathname === `/${variant}/callback`) {
    init()
    webAuth.handleRedirectCallback().then(
      (result) =>
        (window.benchResult = {
          at: performance.timeOrigin + performance.now(),
          sub: result.idTokenPayload.sub,
        }),
      (error) => (window.benchError = `${error.code}: ${error.message}`),
    )
  }
})()
