/* global document, window */
// The "why the secret stays on the server" section: runs the browser SDK (UMD build) on this page, so a
// person can see it refuse a client secret before any request, and see the tenant refuse this confidential
// app's unauthenticated browser call. Output is written with textContent only.
;(function () {
  'use strict'

  var result = document.getElementById('browser-result')
  var secretForm = document.getElementById('secret-form')
  var startForm = document.getElementById('browser-start-form')
  if (result === null || secretForm === null || startForm === null) return // not on this page

  var domain = document.querySelector('meta[name="emulator-origin"]').getAttribute('content')
  var sdk = window.PasswordlessWebAuth

  function show(text, isError) {
    result.textContent = text
    result.className = isError ? 'result refused' : 'result accepted'
  }

  function explain(error) {
    if (sdk && sdk.isWebAuthError(error)) return error.code + ': ' + error.description
    return 'Unexpected failure: ' + String(error)
  }

  if (!sdk) {
    show('The SDK is not built yet: run "npm run build", then reload this page.', true)
    return
  }

  secretForm.addEventListener('submit', function (event) {
    event.preventDefault()
    var secret = document.getElementById('browser-secret').value
    try {
      // Exactly the mistake the SDK exists to stop: a confidential credential in browser code.
      var webAuth = new sdk.WebAuth({ domain: domain, clientID: 'regular-web-demo', clientSecret: secret })
      webAuth
        .passwordlessStart({ connection: 'email', send: 'code', email: 'someone@example.com' })
        .then(function () {
          show('The SDK accepted a secret. This must never happen.', true)
        })
        .catch(function (error) {
          show('Refused by the SDK, nothing was sent. ' + explain(error), true)
        })
    } catch (error) {
      show('Refused by the SDK, nothing was sent. ' + explain(error), true)
    }
  })

  startForm.addEventListener('submit', function (event) {
    event.preventDefault()
    var email = document.getElementById('browser-email').value
    show('Calling /passwordless/start from the browser…', false)
    var webAuth = new sdk.WebAuth({ domain: domain, clientID: 'regular-web-demo', hostedPage: false })
    webAuth
      .passwordlessStart({ connection: 'email', send: 'code', email: email })
      .then(function () {
        show(
          'Accepted: enforcement is off, so the tenant sent the code and wrote a deprecation notice (depnote) to its logs.',
          false,
        )
      })
      .catch(function (error) {
        show('Refused by the tenant. ' + explain(error), true)
      })
  })

  // Both forms are handled now; until here a press would have submitted them natively.
  document.querySelectorAll('#secret-form button, #browser-start-form button').forEach(function (button) {
    button.disabled = false
  })
})()
