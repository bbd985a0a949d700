/* global window, document, atob, TextDecoder */
// Minimal hosted login page: email code with passwordless-webauth's UMD build. It reads the configuration
// from the <meta name="auth0-config"> element (base64 of UTF-8 JSON), because inline script is not allowed.
;(function () {
  'use strict'

  var message = document.getElementById('message')
  var startForm = document.getElementById('start-form')
  var verifyForm = document.getElementById('verify-form')
  var emailInput = document.getElementById('email')
  var codeInput = document.getElementById('code')

  function show(text, isError) {
    message.textContent = text
    message.className = isError ? 'error' : ''
  }

  function readConfig() {
    var encoded = document.querySelector('meta[name="auth0-config"]').getAttribute('content')
    var binary = atob(encoded)
    var bytes = new Uint8Array(binary.length)
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
    return JSON.parse(new TextDecoder().decode(bytes))
  }

  // Errors are shown by code only: messages never carry codes or tokens, and people need no more detail.
  function describe(error) {
    var code = error && error.code ? error.code : 'unknown_error'
    var description = error && error.description ? error.description : ''
    return description ? code + ': ' + description : code
  }

  if (typeof window.PasswordlessWebAuth === 'undefined') {
    show('The SDK is not built yet: run "npm run build", then reload this page.', true)
    startForm.hidden = true
    return
  }

  var webAuth = window.PasswordlessWebAuth.fromUniversalLoginConfig(readConfig())

  startForm.addEventListener('submit', function (event) {
    event.preventDefault()
    show('Sending…', false)
    webAuth
      .passwordlessStart({ connection: 'email', send: 'code', email: emailInput.value })
      .then(function () {
        startForm.hidden = true
        verifyForm.hidden = false
        codeInput.focus()
        show('We sent a code to ' + emailInput.value.trim() + '.', false)
      })
      .catch(function (error) {
        show(describe(error), true)
      })
  })

  verifyForm.addEventListener('submit', function (event) {
    event.preventDefault()
    show('Verifying…', false)
    webAuth
      .passwordlessLogin({ connection: 'email', email: emailInput.value, verificationCode: codeInput.value })
      .catch(function (error) {
        show(describe(error), true)
      })
  })
})()
