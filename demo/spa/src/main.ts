/**
 * The demo single-page app: passwordless login with an email code, an email link or an SMS code, through
 * `passwordless-webauth` as an app installs it. Tokens stay in this page's memory only (S11): reloading the
 * page signs the person out, which is the safe default for a demo.
 */
import { WebAuth, isWebAuthError } from 'passwordless-webauth'
import type { CodeLogin, IdTokenPayload } from 'passwordless-webauth'
import { Cooldown } from './cooldown'
import { byId, fillDefinitionList, showView } from './dom'
import { describeError } from './messages'

/** Seconds before "Resend" works again after a successful send; a 429 replaces it with `retryAfter`. */
const RESEND_SECONDS = 30

type Method = 'email-code' | 'email-link' | 'sms-code'

interface Pending {
  method: Method
  /** The address or number exactly as the person typed it; the SDK trims it. */
  identity: string
}

const startView = byId('start-view', HTMLElement)
const codeView = byId('code-view', HTMLElement)
const linkView = byId('link-view', HTMLElement)
const profileView = byId('profile-view', HTMLElement)
const views = [startView, codeView, linkView, profileView]

const startForm = byId('start-form', HTMLFormElement)
const emailField = byId('email-field', HTMLDivElement)
const phoneField = byId('phone-field', HTMLDivElement)
const emailInput = byId('email', HTMLInputElement)
const phoneInput = byId('phone', HTMLInputElement)
const sendButton = byId('send', HTMLButtonElement)
const codeForm = byId('code-form', HTMLFormElement)
const codeInput = byId('code', HTMLInputElement)
const verifyButton = byId('verify', HTMLButtonElement)
const sentTo = byId('sent-to', HTMLParagraphElement)
const linkSentTo = byId('link-sent-to', HTMLParagraphElement)
const profileList = byId('profile', HTMLDListElement)
const status = byId('status', HTMLParagraphElement)
const alert = byId('alert', HTMLParagraphElement)

const resendButtons = [byId('resend-code', HTMLButtonElement), byId('resend-link', HTMLButtonElement)]
const resendLabels = resendButtons.map((button) => button.textContent ?? 'Resend')
const cooldowns = resendButtons.map((button, index) => new Cooldown(button, () => resendLabels[index] ?? ''))
const sendCooldown = new Cooldown(sendButton, () =>
  selectedMethod() === 'email-link' ? 'Send link' : 'Send code',
)

const domain = document.querySelector<HTMLMetaElement>('meta[name="emulator-origin"]')?.content ?? ''
const appCodeLogin: CodeLogin =
  document.querySelector<HTMLMetaElement>('meta[name="code-login"]')?.content === 'verify_redirect'
    ? 'verify_redirect'
    : 'cross_origin'
// The page itself is the registered callback: `/` on whichever loopback name the person used.
const webAuthFor = (codeLogin: CodeLogin) =>
  new WebAuth({ domain, clientID: 'spa-demo', redirectUri: `${location.origin}/`, codeLogin })
const webAuth = webAuthFor(appCodeLogin)

let pending: Pending | undefined

// Codes finish as the app chose (by default through /co/authenticate, which needs the tenant's third-party
// cookie) until this browser has shown that it blocks that cookie; from then on, in this tab, through a
// top-level redirect that needs none.
const CODE_LOGIN_KEY = 'demo.codeLogin'
const codeLogin = (): CodeLogin =>
  sessionStorage.getItem(CODE_LOGIN_KEY) === 'verify_redirect' ? 'verify_redirect' : appCodeLogin

function say(text: string): void {
  alert.textContent = ''
  status.textContent = text
}

function complain(text: string): void {
  status.textContent = ''
  alert.textContent = text
}

function selectedMethod(): Method {
  const checked = startForm.querySelector<HTMLInputElement>('input[name="method"]:checked')
  const value = checked?.value
  return value === 'email-link' || value === 'sms-code' ? value : 'email-code'
}

function updateFields(): void {
  const isSms = selectedMethod() === 'sms-code'
  emailField.hidden = isSms
  phoneField.hidden = !isSms
  sendCooldown.refresh()
}

function startOptions(request: Pending) {
  switch (request.method) {
    case 'email-code':
      return { connection: 'email', send: 'code', email: request.identity } as const
    case 'email-link':
      return { connection: 'email', send: 'link', email: request.identity } as const
    case 'sms-code':
      return { connection: 'sms', send: 'code', phoneNumber: request.identity } as const
  }
}

function startCooldowns(seconds: number): void {
  for (const cooldown of cooldowns) cooldown.start(seconds)
}

/** Sends (or sends again) the code or link. Buttons stay disabled while the request runs: no double sends. */
async function send(request: Pending, isResend: boolean): Promise<void> {
  const buttons = [sendButton, ...resendButtons]
  for (const button of buttons) button.disabled = true
  say(isResend ? 'Sending a new message…' : 'Sending…')
  try {
    await webAuth.passwordlessStart(startOptions(request))
    pending = request
    const target = request.method === 'sms-code' ? 'your phone' : 'your email address'
    if (request.method === 'email-link') {
      linkSentTo.textContent = `We sent a sign-in link to ${request.identity.trim()}.`
      if (!isResend) showView(views, linkView)
    } else {
      sentTo.textContent = `We sent a code to ${request.identity.trim()}.`
      if (!isResend) showView(views, codeView)
      codeInput.value = ''
    }
    say(isResend ? `A new message is on its way to ${target}.` : `Message sent to ${target}.`)
    startCooldowns(RESEND_SECONDS)
    if (request.method !== 'email-link') codeInput.focus()
  } catch (error) {
    complain(describeError(error, 'send'))
    const retryAfter = retryAfterOf(error)
    if (retryAfter !== undefined) {
      startCooldowns(retryAfter)
      sendCooldown.start(retryAfter)
    }
  } finally {
    for (const button of buttons) button.disabled = false
    // Re-applies the cooldowns that the line above must not undo.
    for (const cooldown of [...cooldowns, sendCooldown]) cooldown.refresh()
  }
}

function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfter' in error)) return undefined
  const value = error.retryAfter
  return typeof value === 'number' && value > 0 ? value : undefined
}

async function verify(code: string): Promise<void> {
  if (pending === undefined) return
  verifyButton.disabled = true
  say('Checking the code…')
  const login =
    pending.method === 'sms-code'
      ? ({ connection: 'sms', phoneNumber: pending.identity, verificationCode: code } as const)
      : ({ connection: 'email', email: pending.identity, verificationCode: code } as const)
  try {
    // On success the browser leaves for the tenant and comes back to this page with a code.
    await webAuthFor(codeLogin()).passwordlessLogin(login)
    say('Code accepted. Signing you in…')
  } catch (error) {
    complain(describeError(error, 'verify'))
    verifyButton.disabled = false
    codeInput.focus()
    codeInput.select()
  }
}

function showProfile(claims: IdTokenPayload): void {
  const rows: Array<readonly [string, string]> = []
  const add = (term: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      rows.push([term, String(value)])
    }
  }
  add('Email', claims['email'])
  add('Email verified', claims['email_verified'])
  add('Phone number', claims['phone_number'])
  add('Phone verified', claims['phone_verified'])
  add('Name', claims['name'])
  add('User id', claims['sub'])
  add('Issuer', claims['iss'])
  const expires = claims['exp']
  if (typeof expires === 'number') rows.push(['Session ends', new Date(expires * 1000).toLocaleString()])
  fillDefinitionList(profileList, rows)
  showView(views, profileView)
}

function logOut(): void {
  // Tokens lived in memory only; dropping them is the whole log-out for this demo.
  profileList.replaceChildren()
  pending = undefined
  showView(views, startView)
  say('You are signed out.')
}

async function finishRedirect(): Promise<void> {
  say('Finishing sign-in…')
  try {
    const result = await webAuth.handleRedirectCallback()
    if (result.idTokenPayload === undefined) throw new Error('no ID token')
    showProfile(result.idTokenPayload)
    say('You are signed in.')
  } catch (error) {
    if (isWebAuthError(error) && error.code === 'third_party_cookies_blocked') {
      sessionStorage.setItem(CODE_LOGIN_KEY, 'verify_redirect')
    }
    showView(views, startView)
    complain(describeError(error, 'callback'))
  }
}

startForm.addEventListener('change', updateFields)
startForm.addEventListener('submit', (event) => {
  event.preventDefault()
  const method = selectedMethod()
  const input = method === 'sms-code' ? phoneInput : emailInput
  if (input.value.trim() === '') {
    complain(method === 'sms-code' ? 'Please enter your phone number.' : 'Please enter your email address.')
    input.focus()
    return
  }
  void send({ method, identity: input.value }, false)
})
codeForm.addEventListener('submit', (event) => {
  event.preventDefault()
  if (codeInput.value.trim() === '') {
    complain('Please enter the code from the message.')
    codeInput.focus()
    return
  }
  void verify(codeInput.value)
})
for (const button of resendButtons) {
  button.addEventListener('click', () => {
    if (pending !== undefined) void send(pending, true)
  })
}
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action="restart"]')) {
  button.addEventListener('click', () => {
    pending = undefined
    showView(views, startView)
    say('')
  })
}
byId('logout', HTMLButtonElement).addEventListener('click', logOut)
byId('hosted-login', HTMLButtonElement).addEventListener('click', () => {
  const isSms = selectedMethod() === 'sms-code'
  const hint = (isSms ? phoneInput : emailInput).value.trim()
  say('Opening the login page…')
  // The login completes back on this page, in finishRedirect, like every other one.
  webAuth
    .authorize({ connection: isSms ? 'sms' : 'email', ...(hint === '' ? {} : { loginHint: hint }) })
    .catch((error: unknown) => complain(describeError(error, 'send')))
})

// The form is handled from here on; a running cooldown (updateFields) still has the last word.
sendButton.disabled = false
updateFields()
const query = new URLSearchParams(location.search)
if (query.has('code') || query.has('state') || query.has('error')) {
  void finishRedirect()
}
