/* global document */
// The start-only app with auth0.js: the same behaviour as ours-start.js.
import auth0 from 'auth0-js'

const webAuth = new auth0.WebAuth({ domain: 'tenant.example.com', clientID: 'YOUR_CLIENT_ID' })
const form = document.querySelector('form')

form.addEventListener('submit', (event) => {
  event.preventDefault()
  webAuth.passwordlessStart(
    { connection: 'email', send: 'code', email: form.elements.email.value },
    (error) => (document.body.dataset.state = error ? error.code : 'sent'),
  )
})
