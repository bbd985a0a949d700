/* global window, document, fetch */
/**
 * The emulator's stand-in for a third-party captcha widget (E31). Offline, no page can load Cloudflare's
 * Turnstile (Auth0's Auth Challenge, provider `auth0_v2`), reCAPTCHA or hCaptcha, so the emulator serves this
 * script, which defines `window.turnstile` with the calls passwordless-webauth makes of the real one:
 * `render(container, { sitekey, callback, 'expired-callback', 'error-callback' })` draws a checkbox, and ticking
 * it fetches a token from the emulator, which plays the provider's server. The emulator accepts each of its
 * tokens once and refuses any other. It tests the flow, not the person: it is a stand-in, not a captcha.
 *
 * A page that loads it before the SDK draws the challenge spares the SDK loading the real script. Served in the
 * real script's place (as the tests do), it calls the function named by `onload=` in its address, as
 * Turnstile does once its API is ready.
 */

const TOKEN_URL = '/__emulator/captcha/stand-in/token'

let widgets = 0

/** Draws the widget in `container`; the options are Turnstile's names. */
function render(container, options) {
  widgets += 1
  const id = `stand-in-${widgets}`
  const box = document.createElement('label')
  box.className = 'stand-in-captcha'
  const checkbox = document.createElement('input')
  checkbox.type = 'checkbox'
  const words = document.createElement('span')
  words.textContent = 'I am not a robot'
  const note = document.createElement('small')
  note.textContent = 'Emulator stand-in widget: no real check'
  box.append(checkbox, words, note)
  checkbox.addEventListener('change', async () => {
    if (!checkbox.checked) return options['expired-callback']?.()
    try {
      const response = await fetch(TOKEN_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sitekey: options.sitekey }),
      })
      if (!response.ok) throw new Error(`the emulator answered ${response.status}`)
      const { token } = await response.json()
      options.callback?.(token)
    } catch {
      checkbox.checked = false
      options['error-callback']?.()
    }
  })
  container.replaceChildren(box)
  return id
}

window.turnstile = { render, reset: () => undefined, remove: () => undefined }

const onload = document.currentScript && new URL(document.currentScript.src).searchParams.get('onload')
if (onload) window[onload]?.()
