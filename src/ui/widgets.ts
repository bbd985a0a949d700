import type { PasswordlessChallenge } from '../api/types'
import { sdkError } from '../core/errors'

// Third-party captcha widgets, drawn with the API of the provider's script, which the page loads (with its CSP
// nonce, from the origin the README lists) when the challenge names that provider. Browser globals are read
// here and in ./captcha.ts (see test/sdk/source-layout.test.ts).

/** A widget's script API, as far as the SDK calls it. */
type Api = { render(box: HTMLElement, options: object): unknown; enterprise?: Api }

/** A challenge that names a provider. */
export type RequiredChallenge = Extract<PasswordlessChallenge, { required: true }>

/**
 * The global each provider's script puts its API in. The SDK loads no script itself: a loader, its addresses
 * and its nonce handling did not fit the bundle's budget, and a page under a strict CSP decides what it loads.
 * Friendly Captcha and Arkose take other calls and are not drawn.
 */
const GLOBALS: Record<string, string> = {
  auth0_v2: 'turnstile',
  recaptcha_v2: 'grecaptcha',
  recaptcha_enterprise: 'grecaptcha',
  hcaptcha: 'hcaptcha',
}

/**
 * Draws the widget of `challenge` in `box` with its provider's API. `set` receives the widget's token, and
 * nothing when the token lapses or the widget fails.
 *
 * @throws WebAuthError `invalid_response` for a provider the SDK does not draw, or whose script the page has not
 *   loaded
 */
export function drawWidget(
  box: HTMLElement,
  { provider, siteKey }: RequiredChallenge,
  set: (token?: unknown) => unknown,
): void {
  const api = (window as unknown as Record<string, Api | undefined>)[GLOBALS[provider] ?? '']
  if (!api) throw sdkError('invalid_response', `${provider} is not loaded.`)
  // Turnstile counts an error as handled when its callback returns true.
  const clear = () => !set()
  // reCAPTCHA Enterprise's script puts its API under `enterprise`.
  ;(api.enterprise ?? api).render(box, {
    sitekey: siteKey,
    callback: set,
    'expired-callback': clear,
    'error-callback': clear,
  })
}
