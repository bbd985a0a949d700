/**
 * The widget scripts the SDK loads (S21), in Node with a page that records what is appended to it: which
 * address for which provider, the nonce, when the API counts as ready, one script per page, a new one after a
 * failure, and nothing for a provider the SDK does not draw. The same in Chromium with the built UMD:
 * e2e/captcha-scripts.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type * as WidgetsModule from '../../src/ui/widgets'
import type { RequiredChallenge } from '../../src/ui/widgets'

/** What the SDK sets on a script element. */
interface FakeScript {
  src: string
  nonce: string
  onload: (() => void) | null
  onerror: () => void
}

type Widgets = typeof WidgetsModule

let appended: FakeScript[]
let widgets: Widgets

beforeEach(async () => {
  appended = []
  vi.stubGlobal('document', {
    createElement: (tagName: string) => ({ tagName }),
    head: {
      append: (script: FakeScript & { tagName: string }) => {
        expect(script.tagName).toBe('script')
        appended.push(script)
      },
    },
  })
  // A fresh module each time: the scripts loaded are remembered per page, as the module is.
  vi.resetModules()
  widgets = await import('../../src/ui/widgets')
})

afterEach(() => {
  for (const name of Object.keys(globalThis).filter((key) => key.startsWith('passwordlessWebAuth')))
    delete (globalThis as Record<string, unknown>)[name]
})

const BOX = {} as HTMLElement
const NONCE = 'cGFnZS1ub25jZQ'

/** A render API that records its calls and answers `token` at once. */
function renderApi(token = 'token-1') {
  const calls: { box: unknown; options: Record<string, (...args: unknown[]) => unknown> }[] = []
  return {
    calls,
    api: {
      render: (box: unknown, options: Record<string, (...args: unknown[]) => unknown>) => {
        calls.push({ box, options })
        options['callback']?.(token)
      },
    },
  }
}

/** Calls the "ready" function named in a script's address, as the provider's script does. */
const callReady = (script: FakeScript) =>
  (globalThis as unknown as Record<string, () => void>)[new URL(script.src).searchParams.get('onload')!]!()

describe('S21: the script of each provider', () => {
  test.each([
    ['auth0_v2', 'turnstile', 'https://challenges.cloudflare.com/turnstile/v0/api.js'],
    ['recaptcha_v2', 'grecaptcha', 'https://www.recaptcha.net/recaptcha/api.js'],
    ['hcaptcha', 'hcaptcha', 'https://js.hcaptcha.com/1/api.js'],
  ] as const)(
    "%s: from %s's documented address, with the nonce, ready when it calls back",
    async (provider, global, url) => {
      const set = vi.fn()
      const drawn = widgets.drawWidget(BOX, { required: true, provider, siteKey: 'site-key-1' }, set, NONCE)
      expect(appended).toHaveLength(1)
      const [script] = appended as [FakeScript]
      expect(script.src).toMatch(
        new RegExp(`^${url.replaceAll('.', '\\.')}\\?render=explicit&onload=passwordlessWebAuth[\\w-]{8}$`),
      )
      expect(script.nonce).toBe(NONCE)
      // Its `load` event says nothing: reCAPTCHA's API comes after its loader has run.
      expect(script.onload).toBeNull()
      const { api, calls } = renderApi()
      vi.stubGlobal(global, api)
      callReady(script)
      await drawn
      expect(calls).toHaveLength(1)
      expect(calls[0]!.box).toBe(BOX)
      expect(calls[0]!.options['sitekey']).toBe('site-key-1')
      expect(set).toHaveBeenLastCalledWith('token-1')
      // A lapsed token or a failed widget clears the answer; Turnstile takes `true` as "handled".
      expect(calls[0]!.options['expired-callback']!()).toBe(true)
      expect(set).toHaveBeenLastCalledWith()
      expect(calls[0]!.options['error-callback']!()).toBe(true)
    },
  )

  test('recaptcha_enterprise: enterprise.js, drawn with the API under grecaptcha.enterprise', async () => {
    const drawn = widgets.drawWidget(
      BOX,
      { required: true, provider: 'recaptcha_enterprise', siteKey: 'k' },
      vi.fn(),
      NONCE,
    )
    const [script] = appended as [FakeScript]
    expect(script.src).toMatch(
      /^https:\/\/www\.recaptcha\.net\/recaptcha\/enterprise\.js\?render=explicit&onload=/,
    )
    const { api, calls } = renderApi()
    vi.stubGlobal('grecaptcha', { enterprise: api, render: () => expect.fail('the v2 API was used') })
    callReady(script)
    await drawn
    expect(calls).toHaveLength(1)
  })

  test('friendly_captcha: its pinned widget script, ready once it has run; a WidgetInstance in the box', async () => {
    const set = vi.fn()
    const drawn = widgets.drawWidget(
      BOX,
      { required: true, provider: 'friendly_captcha', siteKey: 'FC1' },
      set,
      NONCE,
    )
    const [script] = appended as [FakeScript]
    expect(script).toMatchObject({
      src: 'https://cdn.jsdelivr.net/npm/friendly-challenge@0.9.12/widget.min.js',
      nonce: NONCE,
    })
    const made: unknown[][] = []
    vi.stubGlobal('friendlyChallenge', {
      WidgetInstance: class {
        constructor(...args: unknown[]) {
          made.push(args)
          ;(args[1] as { doneCallback: (solution: string) => void }).doneCallback('solution-1')
        }
      },
    })
    script.onload!()
    await drawn
    expect(made).toEqual([[BOX, expect.objectContaining({ sitekey: 'FC1' })]])
    expect(set).toHaveBeenLastCalledWith('solution-1')
    ;(made[0]![1] as { errorCallback: () => void }).errorCallback()
    expect(set).toHaveBeenLastCalledWith()
  })
})

describe('S21: when the SDK loads nothing, once, and again', () => {
  test("a script the page loaded is used: no script of the SDK's", async () => {
    const { api, calls } = renderApi()
    vi.stubGlobal('hcaptcha', api)
    await widgets.drawWidget(BOX, { required: true, provider: 'hcaptcha', siteKey: 'k' }, vi.fn(), NONCE)
    expect(appended).toEqual([])
    expect(calls).toHaveLength(1)
  })

  test('two draws before the script is ready share one script; a draw after it uses the API', async () => {
    const challenge: RequiredChallenge = { required: true, provider: 'auth0_v2', siteKey: 'k' }
    const first = widgets.drawWidget(BOX, challenge, vi.fn(), NONCE)
    const second = widgets.drawWidget(BOX, challenge, vi.fn(), NONCE)
    expect(appended).toHaveLength(1)
    const { api, calls } = renderApi()
    vi.stubGlobal('turnstile', api)
    callReady(appended[0]!)
    await Promise.all([first, second])
    await widgets.drawWidget(BOX, challenge, vi.fn(), NONCE)
    expect(appended).toHaveLength(1)
    expect(calls).toHaveLength(3)
  })

  test('a script that does not load is a network_error naming it, and the next draw loads it again', async () => {
    const challenge: RequiredChallenge = { required: true, provider: 'recaptcha_v2', siteKey: 'k' }
    const failed = widgets.drawWidget(BOX, challenge, vi.fn(), NONCE)
    appended[0]!.onerror()
    await expect(failed).rejects.toMatchObject({
      code: 'network_error',
      description: expect.stringContaining('https://www.recaptcha.net/recaptcha/api.js?render=explicit'),
    })
    const retried = widgets.drawWidget(BOX, challenge, vi.fn(), NONCE)
    expect(appended).toHaveLength(2)
    vi.stubGlobal('grecaptcha', renderApi().api)
    callReady(appended[1]!)
    await retried
  })

  test.each([
    ['arkose', { siteKey: 'key', clientSubdomain: 'client-api' }],
    ['unheard_of', { siteKey: 'key' }],
  ] as const)('%s is refused with invalid_response, and nothing is loaded', async (provider, fields) => {
    const challenge = { required: true, provider, ...fields } as RequiredChallenge
    await expect(widgets.drawWidget(BOX, challenge, vi.fn(), NONCE)).rejects.toMatchObject({
      code: 'invalid_response',
      description: `${provider} is not drawn.`,
    })
    expect(appended).toEqual([])
  })

  test('nothing of the challenge goes into the address: a hostile site key and subdomain change nothing', async () => {
    const hostile = '"><script src=https://evil.example/x.js></script>&onload=alert'
    void widgets.drawWidget(
      BOX,
      { required: true, provider: 'hcaptcha', siteKey: hostile, clientSubdomain: 'evil.example/x#' },
      vi.fn(),
      NONCE,
    )
    const src = new URL(appended[0]!.src)
    expect(src.origin + src.pathname).toBe('https://js.hcaptcha.com/1/api.js')
    expect([...src.searchParams.keys()]).toEqual(['render', 'onload'])
  })
})
