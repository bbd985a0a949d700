/* global document */
// The start-only app with the auth0.js-compatible class instead of the functions: a class keeps every method.
import { WebAuth } from 'passwordless-webauth'

const webAuth = new WebAuth({ domain: 'tenant.example.com', clientID: 'YOUR_CLIENT_ID' })
const form = document.querySelector('form')

form.addEventListener('submit', (event) => {
  event.preventDefault()
  webAuth.passwordlessStart({ connection: 'email', send: 'code', email: form.elements.email.value }).then(
    () => (document.body.dataset.state = 'sent'),
    (error) => (document.body.dataset.state = error.code),
  )
})
