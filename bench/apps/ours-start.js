/* global document */
// A consumer app that only sends a code: built from the ESM package with rollup, node-resolve and terser.
import { createClient, passwordlessStart } from 'passwordless-webauth'

const client = createClient({ domain: 'tenant.example.com', clientID: 'YOUR_CLIENT_ID' })
const form = document.querySelector('form')

form.addEventListener('submit', (event) => {
  event.preventDefault()
  passwordlessStart(client, { connection: 'email', send: 'code', email: form.elements.email.value }).then(
    () => (document.body.dataset.state = 'sent'),
    (error) => (document.body.dataset.state = error.code),
  )
})
