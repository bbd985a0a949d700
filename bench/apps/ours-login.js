/* global document, location */
// A consumer app that sends a code, verifies it and completes the login on the callback page.
import {
  createClient,
  handleRedirectCallback,
  passwordlessLogin,
  passwordlessStart,
} from 'passwordless-webauth'

const client = createClient({
  domain: 'tenant.example.com',
  clientID: 'YOUR_CLIENT_ID',
  redirectUri: `${location.origin}/callback`,
})
const form = document.querySelector('form')
const show = (state) => (document.body.dataset.state = state)

if (location.pathname === '/callback') {
  handleRedirectCallback(client).then(
    (result) => show(`signed in as ${result.idTokenPayload.sub}`),
    (error) => show(error.code),
  )
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const email = form.elements.email.value
  const verificationCode = form.elements.code.value
  const done = verificationCode
    ? passwordlessLogin(client, { connection: 'email', email, verificationCode })
    : passwordlessStart(client, { connection: 'email', send: 'code', email })
  done.then(
    () => show('sent'),
    (error) => show(error.code),
  )
})
