/* global window, document */
/**
 * The Universal Login custom page: passwordless sign-in with an email code, an email link or an SMS code,
 * through passwordless-webauth's UMD build. `fromUniversalLoginConfig` puts the SDK in hosted-page mode:
 * `passwordlessLogin` checks the code at `/passwordless/verify`, then leaves for
 * `/passwordless/verify_redirect` with the page's `state`, and the tenant sends the person back to the app.
 * Everything shown goes through `textContent`: nothing from outside becomes markup.
 */
import { describeLogin, readConfig } from './config.js'
import { Cooldown } from './cooldown.js'
import { describeError, retryAfterOf } from './messages.js'

/** Seconds before "Send a new code" works again after a send; a 429 replaces it with `retryAfter`. */
const RESEND_SECONDS = 30

const METHODS = {
  'email-code': { connection: 'email', send: 'code', sendLabel: 'Send code' },
  'email-link': { connection: 'email', send: 'link', sendLabel: 'Send link' },
  'sms-code': { connection: 'sms', send: 'code', sendLabel: 'Send code' },
}

function byId(id) {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`#${id} is missing from index.html`)
  return element
}

const startView = byId('start-view')
const codeView = byId('code-view')
const linkView = byId('link-view')
const startForm = byId('start-form')
const emailField = byId('email-field')
const phoneField = byId('phone-field')
const emailInput = byId('email')
const phoneInput = byId('phone')
const sendButton = byId('send')
const codeForm = byId('code-form')
const codeInput = byId('code')
const verifyButton = byId('verify')
const status = byId('status')
const alert = byId('alert')
const resendButtons = [byId('resend-code'), byId('resend-link')]

const resendCooldowns = resendButtons.map((button) => {
  const label = button.textContent
  return new Cooldown(button, () => label)
})
const sendCooldown = new Cooldown(sendButton, () => METHODS[selectedMethod()].sendLabel)

let webAuth
/** The captcha of the start form: `{ getValue, reload, challenge }` once drawn (bot detection). */
let captcha
/** The message last sent: `{ method, identity }`, the identity exactly as typed (the SDK trims it). */
let pending

function say(text) {
  alert.textContent = ''
  status.textContent = text
}

function complain(text) {
  status.textContent = ''
  alert.textContent = text
}

/** Shows one step and moves focus into it, so that keyboard and screen reader users land where they act. */
function showView(view, focusTarget) {
  for (const each of [startView, codeView, linkView]) each.hidden = each !== view
  focusTarget.focus()
}

function selectedMethod() {
  const value = startForm.querySelector('input[name="method"]:checked')?.value
  return value in METHODS ? value : 'email-code'
}

function identityInput(method) {
  return METHODS[method].connection === 'sms' ? phoneInput : emailInput
}

function identityOptions(request) {
  return METHODS[request.method].connection === 'sms'
    ? { connection: 'sms', phoneNumber: request.identity }
    : { connection: 'email', email: request.identity }
}

function updateFields() {
  const isSms = METHODS[selectedMethod()].connection === 'sms'
  emailField.hidden = isSms
  phoneField.hidden = !isSms
  sendCooldown.refresh()
}

/** Disables every send button while a request runs (no double sends), then puts the cooldowns back. */
function setSending(isSending) {
  for (const button of [sendButton, ...resendButtons]) button.disabled = isSending
  if (!isSending) for (const cooldown of [sendCooldown, ...resendCooldowns]) cooldown.refresh()
}

async function send(request, isResend) {
  const method = METHODS[request.method]
  const shown = request.identity.trim()
  setSending(true)
  say(isResend ? 'Sending a new message…' : 'Sending…')
  try {
    await webAuth.passwordlessStart({
      ...identityOptions(request),
      send: method.send,
      captcha: captcha?.getValue(),
    })
    pending = request
    // An answer is good for one start: the next send needs a new challenge.
    void reloadCaptcha()
    if (method.send === 'link') {
      byId('link-sent-to').textContent = `We sent a sign-in link to ${shown}.`
      if (!isResend) showView(linkView, byId('link-heading'))
    } else {
      byId('code-sent-to').textContent = `We sent a code to ${shown}.`
      codeInput.value = ''
      verifyButton.disabled = false
      if (isResend) codeInput.focus()
      else showView(codeView, codeInput)
    }
    say(isResend ? `A new message is on its way to ${shown}.` : `Message sent to ${shown}.`)
    for (const cooldown of resendCooldowns) cooldown.start(RESEND_SECONDS)
  } catch (error) {
    complain(describeError(error, 'send'))
    if (error?.code === 'invalid_captcha') {
      // Wrong or missing: the tenant has used the answer up. A new challenge, and back to the form.
      if (isResend) showView(startView, identityInput(request.method))
      await reloadCaptcha()
    }
    if (error?.code === 'too_many_requests') {
      const wait = retryAfterOf(error) ?? RESEND_SECONDS
      for (const cooldown of [sendCooldown, ...resendCooldowns]) cooldown.start(wait)
    }
    if (!isResend && /^(invalid_input|bad\.email|bad\.phone_number)$/.test(error?.code)) {
      identityInput(request.method).focus()
    }
  } finally {
    setSending(false)
  }
}

async function verify(code) {
  verifyButton.disabled = true
  say('Checking the code…')
  try {
    // On success the browser leaves for the tenant, which sends it back to the application.
    await webAuth.passwordlessLogin({ ...identityOptions(pending), verificationCode: code })
    say('Code accepted. Taking you back to the application…')
  } catch (error) {
    complain(describeError(error, 'verify'))
    verifyButton.disabled = false
    codeInput.focus()
    codeInput.select()
  }
}

/** Draws the challenge again (a new image, or a fresh widget); a failure is said, not thrown. */
async function reloadCaptcha() {
  if (!captcha?.challenge.required) return
  try {
    await captcha.reload()
  } catch (error) {
    complain(describeError(error, 'send'))
  }
}

/** Asks the tenant whether a captcha is needed, and draws it in the start form when it is. */
async function drawCaptcha() {
  try {
    // The page's CSP nonce, for the widget's script when the SDK loads it (the browser keeps it off the attribute).
    const nonce = document.querySelector('script[nonce]')?.nonce
    captcha = await webAuth.renderPasswordlessCaptcha(byId('captcha'), { nonce })
  } catch (error) {
    complain(describeError(error, 'send'))
  }
}

/** A page that cannot work says why, in words, and offers nothing to press. */
function refuse(text) {
  startForm.hidden = true
  complain(text)
}

/** Names the application, the tenant and its address, fills in a `login_hint`, and applies the colour. */
function showWhere(login) {
  byId('app-name').textContent = login.name
  byId('link-app-name').textContent = login.name
  byId('app-mark').textContent = login.name.charAt(0).toUpperCase()
  document.title = `Sign in to ${login.name}`
  const list = byId('where')
  for (const [term, value] of login.details) {
    const dt = document.createElement('dt')
    dt.textContent = term
    const dd = document.createElement('dd')
    dd.textContent = value
    list.append(dt, dd)
  }
  // A CSSOM property, not a style attribute: allowed under style-src 'self', and checked to be a colour.
  if (login.accent !== undefined) document.documentElement.style.setProperty('--accent', login.accent)
  if (login.loginHint?.includes('@')) emailInput.value = login.loginHint
  else if (login.loginHint !== undefined && /^\+\d/.test(login.loginHint)) {
    byId('method-sms-code').checked = true
    phoneInput.value = login.loginHint
  }
}

function start() {
  let config
  try {
    config = readConfig()
  } catch {
    config = null
  }
  if (typeof window.PasswordlessWebAuth === 'undefined') {
    return refuse('The sign-in library is not built yet: run "npm run build", then reload this page.')
  }
  if (config === undefined || config === null) {
    return refuse('This page has no sign-in configuration. Please start again from the application.')
  }
  try {
    webAuth = window.PasswordlessWebAuth.fromUniversalLoginConfig(config)
  } catch {
    return refuse('This sign-in page is misconfigured. Please start again from the application.')
  }
  showWhere(describeLogin(config))
  // The form is handled from here on; a running cooldown (updateFields) still has the last word.
  sendButton.disabled = false
  updateFields()
  identityInput(selectedMethod()).focus()
  void drawCaptcha()
}

startForm.addEventListener('change', updateFields)
startForm.addEventListener('submit', (event) => {
  event.preventDefault()
  const method = selectedMethod()
  const input = identityInput(method)
  if (input.value.trim() === '') {
    const isSms = METHODS[method].connection === 'sms'
    complain(isSms ? 'Please enter your phone number.' : 'Please enter your email address.')
    input.focus()
    return
  }
  void send({ method, identity: input.value }, false)
})
codeForm.addEventListener('submit', (event) => {
  event.preventDefault()
  if (pending === undefined) return
  if (codeInput.value.trim() === '') {
    complain('Please enter the code from the message.')
    codeInput.focus()
    return
  }
  void verify(codeInput.value)
})
for (const button of resendButtons) {
  button.addEventListener('click', () => {
    if (pending === undefined) return
    // A new message needs a new answer, which the start form shows.
    if (captcha?.challenge.required) {
      showView(startView, identityInput(pending.method))
      say('Answer the challenge, then send again.')
      return
    }
    void send(pending, true)
  })
}
for (const button of document.querySelectorAll('button[data-action="restart"]')) {
  button.addEventListener('click', () => {
    pending = undefined
    showView(startView, identityInput(selectedMethod()))
    say('')
  })
}

start()
