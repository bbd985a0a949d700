import type { PasswordlessChallenge } from '../api/types'
import { sdkError } from '../core/errors'
import { randomToken } from '../lib/random'

// Third-party captcha widgets: the provider's script, loaded from the address its documentation gives when a
// challenge names it (S21), then the widget drawn with that script's API. The one module of ui/ that reads
// browser globals (see test/sdk/source-layout.test.ts): ./captcha.ts draws with `make` from here.

/** A widget script's API, as far as the SDK calls it. */
type Api = {
  /** Turnstile, reCAPTCHA, hCaptcha; reCAPTCHA Enterprise's is under `enterprise`. */
  render(box: HTMLElement, options: object): unknown
  enterprise?: Api
  /** Friendly Captcha. */
  WidgetInstance: new (box: HTMLElement, options: object) => unknown
}

/** A challenge that names a provider. */
export type RequiredChallenge = Extract<PasswordlessChallenge, { required: true }>

/** An element of `tag` with `properties` set. */
export const make = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: object,
): HTMLElementTagNameMap[K] => Object.assign(document.createElement(tag), properties)

/**
 * The providers the SDK draws: each one's global (where its script puts its API) and the script's address as
 * its documentation gives it, without `https://`. An address ending in `?` gets `render=explicit` and the name
 * of the function the script calls once its API is ready. Arkose is not drawn: its API comes to a callback
 * only and draws into a selector, about 170 bytes gzip more than the UMD's budget had left; a page that uses it
 * draws it itself from `getPasswordlessChallenge`'s `siteKey` and `clientSubdomain`.
 */
const SCRIPTS: Record<string, string> = {
  auth0_v2: 'turnstile challenges.cloudflare.com/turnstile/v0/api.js?',
  recaptcha_v2: 'grecaptcha www.recaptcha.net/recaptcha/api.js?',
  recaptcha_enterprise: 'grecaptcha www.recaptcha.net/recaptcha/enterprise.js?',
  hcaptcha: 'hcaptcha js.hcaptcha.com/1/api.js?',
  friendly_captcha: 'friendlyChallenge cdn.jsdelivr.net/npm/friendly-challenge@0.9.12/widget.min.js',
}

/** Scripts loaded or loading, by address: each is loaded once per page, and again after a failure. */
const loads: Record<string, Promise<Api>> = {}

// The page's `window`, named so that this module loads where there is none (the SDK imported in Node).
const globals = globalThis as unknown as Record<string, unknown>

/**
 * Loads the script at `https://${address}` with the page's `nonce`, and answers its API once it is ready: when
 * the script calls the function named in its address (Turnstile, reCAPTCHA, hCaptcha), or when it has run
 * (Friendly Captcha).
 *
 * @throws WebAuthError `network_error` when the script does not load (offline, or refused by the page's CSP)
 */
function loadApi(address: string, global: string, nonce: string): Promise<Api> {
  return (loads[address] ??= new Promise<Api>((resolve, reject) => {
    // A name of its own for the "ready" call, which no other copy of the SDK on the page can take.
    const ready = `passwordlessWebAuth${randomToken(6)}`
    const done = (globals[ready] = () => resolve(globals[global] as Api))
    const script = make('script', {
      src: `https://${address}${address.endsWith('?') ? `render=explicit&onload=${ready}` : ''}`,
      nonce,
      onload: address.endsWith('?') ? null : done,
      onerror: () => reject(sdkError('network_error', `${script.src} did not load.`)),
    })
    document.head.append(script)
  }).catch((error) => {
    delete loads[address]
    throw error
  }))
}

/**
 * Draws the widget of `challenge` in `box` with its provider's API: the one the page has loaded, or else from
 * the script the SDK loads. `set` receives the widget's token, and nothing when it lapses or the widget fails.
 *
 * @throws WebAuthError `invalid_response` for a provider the SDK does not draw (Arkose); `network_error` (see
 *   {@link loadApi})
 */
export async function drawWidget(
  box: HTMLElement,
  { provider, siteKey }: RequiredChallenge,
  set: (token?: unknown) => unknown,
  nonce: string,
): Promise<void> {
  // Turnstile counts an error as handled when its callback returns true.
  const clear = () => !set()
  const [global, address] = SCRIPTS[provider]?.split(' ') ?? []
  if (!address) throw sdkError('invalid_response', `${provider} is not drawn.`)
  const api = (globals[global!] as Api | undefined) ?? (await loadApi(address, global!, nonce))
  if (provider === 'friendly_captcha')
    return void new api.WidgetInstance(box, { sitekey: siteKey, doneCallback: set, errorCallback: clear })
  // reCAPTCHA Enterprise's script puts its API under `enterprise`.
  ;(api.enterprise ?? api).render(box, {
    sitekey: siteKey,
    callback: set,
    'expired-callback': clear,
    'error-callback': clear,
  })
}
