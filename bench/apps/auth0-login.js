/* global document, location */
// The start + login + callback app with auth0.js: the same behaviour as ours-login.js.
import auth0 from 'auth0-js'

const webAuth = new auth0.WebAuth({
  domain: 'tenant.example.com',
  clientID: 'YOUR_CLIENT_ID',
  redirectUri: `${location.origin}/callback`,
  responseType: 'id_token token',
})
const form = document.querySelector('form')
const show = (state) => (document.body.dataset.state = state)

if (location.pathname === '/callback') {
  webAuth.parseHash((error, result) =>
    show(error ? error.error : `signed in as ${result.idTokenPayload.sub}`),
  )
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const email = form.elements.email.value
  const verificationCode = form.elements.code.value
  const done = (error) => show(error ? error.code : 'sent')
  if (verificationCode) webAuth.passwordlessLogin({ connection: 'email', email, verificationCode }, done)
  else webAuth.passwordlessStart({ connection: 'email', send: 'code', email }, done)
})
