/* global window, document */
/**
 * The script of template.html: builds the page's library from `@@config@@` and drives its hosted-page path
 * (`passwordlessStart`, then `passwordlessLogin`, which checks the code at /passwordless/verify and leaves for
 * /passwordless/verify_redirect with the page's state). Both libraries take the same options and Node-style
 * callbacks, so one form serves either.
 */
import { readConfig } from './config.js'

const startForm = document.getElementById('start-form')
const codeForm = document.getElementById('code-form')
const status = document.getElementById('status')
const alert = document.getElementById('alert')

/** The identity of the last send: `{ connection, email }` or `{ connection, phoneNumber }`. */
let pending

function say(text) {
  alert.textContent = ''
  status.textContent = text
}

function complain(error) {
  status.textContent = ''
  // auth0.js reports `code` and `description`; passwordless-webauth `code` and `message`.
  alert.textContent = `${error.code ?? error.error ?? 'error'}: ${error.description ?? error.message ?? ''}`
}

/**
 * auth0.js as Auth0's template builds it: the page's own options, then every key of `internalOptions`
 * (the login transaction's `state`, `_csrf`, `nonce` and the app's parameters), which is what authenticates
 * the page's start for a confidential application. passwordless-webauth reads the whole config itself.
 */
function createWebAuth(config) {
  if (window.auth0 !== undefined) {
    const params = Object.assign(
      {
        overrides: { __tenant: config.auth0Tenant, __token_issuer: config.authorizationServer.issuer },
        domain: config.auth0Domain,
        clientID: config.clientID,
        redirectUri: config.callbackURL,
        responseType: 'code',
      },
      config.internalOptions,
    )
    return { name: `auth0.js ${window.auth0.version.raw}`, webAuth: new window.auth0.WebAuth(params) }
  }
  return {
    name: `passwordless-webauth ${window.PasswordlessWebAuth.VERSION ?? ''}`.trim(),
    webAuth: window.PasswordlessWebAuth.fromUniversalLoginConfig(config),
  }
}

const { name, webAuth } = createWebAuth(readConfig())
document.getElementById('library').textContent = `This page runs ${name}.`

startForm.addEventListener('submit', (event) => {
  event.preventDefault()
  const bySms = event.submitter?.value === 'sms'
  pending = bySms
    ? { connection: 'sms', phoneNumber: document.getElementById('phone').value.trim() }
    : { connection: 'email', email: document.getElementById('email').value.trim() }
  say('Sending…')
  webAuth.passwordlessStart({ ...pending, send: 'code' }, (error) => {
    if (error) return complain(error)
    startForm.hidden = true
    codeForm.hidden = false
    say('Code sent. Type it below.')
    document.getElementById('code').focus()
  })
})

codeForm.addEventListener('submit', (event) => {
  event.preventDefault()
  say('Checking the code…')
  const verificationCode = document.getElementById('code').value.trim()
  // On success the browser leaves for the tenant; the callback is called only on failure.
  webAuth.passwordlessLogin({ ...pending, verificationCode }, (error) => {
    if (error) complain(error)
  })
})

for (const button of startForm.querySelectorAll('button')) button.disabled = false
