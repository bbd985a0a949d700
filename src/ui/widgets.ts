import type { PasswordlessChallenge } from '../api/types'
import { sdkError } from '../core/errors'

// Third-party captcha widgets: each one's script, loaded only when a challenge names its provider, and the
// calls that draw it. Browser globals are read here and in ./captcha.ts (see test/sdk/source-layout.test.ts).

/** A widget's script API, as far as the SDK calls it. */
type Api = Record<string, (...args: unknown[]) => unknown>

/** A challenge that names a provider. */
export type RequiredChallenge = Extract<PasswordlessChallenge, { required: true }>

/**
 * Each provider's script, at the address auth0.js 10.2.1 loads it from, and the global its API lives in. The
 * address is fixed here: nothing in a challenge can point the page at another origin (S26). A script whose
 * address ends in `onload=` calls the function named there once its API is ready; Friendly Captcha's API is
 * ready once its script has run.
 */
const SCRIPTS: Record<string, [address: string, global: string]> = {
  recaptcha_v2: ['www.recaptcha.net/recaptcha/api.js?render=explicit&onload=', 'grecaptcha'],
  recaptcha_enterprise: ['www.recaptcha.net/recaptcha/enterprise.js?render=explicit&onload=', 'grecaptcha'],
  hcaptcha: ['js.hcaptcha.com/1/api.js?render=explicit&onload=', 'hcaptcha'],
  auth0_v2: ['challenges.cloudflare.com/turnstile/v0/api.js?render=explicit&onload=', 'turnstile'],
  friendly_captcha: ['cdn.jsdelivr.net/npm/friendly-challenge@0.9.12/widget.min.js', 'friendlyChallenge'],
}

// Each script is loaded once per page, however often a challenge is drawn again.
const loading: Record<string, Promise<void>> = {}

/**
 * Loads the script of `provider` with the page's nonce, unless the page has loaded it itself (a self-hosted
 * copy, or the emulator's stand-in), and resolves to its API.
 */
async function loadApi(provider: string, nonce: string | undefined): Promise<Api> {
  const [address, global] =
    SCRIPTS[provider] ??
    (() => {
      throw sdkError('invalid_response', `Unsupported captcha provider.`)
    })()
  const globals = window as unknown as Record<string, Api | undefined>
  if (!globals[global]) {
    await (loading[provider] ??= new Promise((resolve, reject) => {
      const callback = `passwordlessCaptcha${Object.keys(loading).length}`
      const script = document.createElement('script')
      const ready = ((globals as Record<string, unknown>)[callback] = () => resolve())
      if (!address.endsWith('=')) script.onload = ready
      script.onerror = () => {
        delete loading[provider]
        reject(sdkError('network_error', 'The captcha could not be loaded.'))
      }
      if (nonce) script.nonce = nonce
      script.src = `https://${address}${address.endsWith('=') ? callback : ''}`
      document.head.append(script)
    }))
  }
  const api = globals[global]!
  return provider === 'recaptcha_enterprise' ? (api['enterprise'] as unknown as Api) : api
}

/**
 * Draws the widget of `challenge` in `box`; `set` receives its token, and nothing when the token lapses or the
 * widget fails.
 *
 * @throws WebAuthError `invalid_response` for a provider the SDK cannot draw; `network_error` when the
 *   widget's script cannot be loaded
 */
export async function drawWidget(
  box: HTMLElement,
  { provider, siteKey: sitekey }: RequiredChallenge,
  nonce: string | undefined,
  set: (token?: unknown) => unknown,
): Promise<void> {
  const api = await loadApi(provider, nonce)
  // Turnstile counts an error as handled when its callback returns true.
  const clear = () => !set()
  if (provider === 'friendly_captcha') {
    new (api['WidgetInstance'] as unknown as new (...args: unknown[]) => unknown)(box, {
      sitekey,
      doneCallback: set,
      errorCallback: clear,
    })
  } else {
    api['render']!(box, { sitekey, callback: set, 'expired-callback': clear, 'error-callback': clear })
  }
}
