import fc from 'fast-check'
import { describe, expect, test, vi } from 'vitest'
import { WebAuth, isWebAuthError } from '../../src/index'
import { readCallbackParams, removeCallbackParams } from '../../src/input/callback-params'
import { CLIENT_ID, DOMAIN, REDIRECT_URI, TX_PREFIX, stubSessionStorage } from './support/fixtures'

const STORED_STATE = 'stored-state-value'
const names = [
  'code',
  'state',
  'error',
  'error_description',
  'access_token',
  'id_token',
  'token_type',
  'expires_in',
  'scope',
  'iss',
]
const name = fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 }))
const value = fc.oneof(
  fc.constantFrom(STORED_STATE, `${STORED_STATE} `, STORED_STATE.toUpperCase(), '', 'at'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const pairs = fc.array(fc.tuple(name, value), { maxLength: 6 })
const encode = (entries: Array<[string, string]>) => new URLSearchParams(entries).toString()

// Any URL-ish text a page could be handed: well-formed callbacks, junk, and everything between.
const urlText = fc.oneof(
  fc.tuple(pairs, pairs).map(([query, fragment]) => `${REDIRECT_URI}?${encode(query)}#${encode(fragment)}`),
  fc
    .tuple(pairs, fc.boolean())
    .map(([entries, inFragment]) => `${REDIRECT_URI}${inFragment ? '#' : '?'}${encode(entries)}`),
  // Often a redirect that can complete, with extra noise, so acceptance is exercised too.
  pairs.map(
    (extra) => `${REDIRECT_URI}#${encode([['access_token', 'at'], ['state', STORED_STATE], ...extra])}`,
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string(),
)

describe('the callback parser (property)', () => {
  test('readCallbackParams never throws anything but a WebAuthError and always yields a non-empty state', () => {
    fc.assert(
      fc.property(urlText, (url) => {
        try {
          const params = readCallbackParams(url)
          expect(params.state).not.toBe('')
        } catch (error) {
          expect(isWebAuthError(error), String(error)).toBe(true)
        }
      }),
      { numRuns: 1000 },
    )
  })

  test('removeCallbackParams leaves no code, state or token behind', () => {
    fc.assert(
      fc.property(fc.tuple(pairs, pairs), ([query, fragment]) => {
        const cleaned = new URL(removeCallbackParams(`${REDIRECT_URI}?${encode(query)}#${encode(fragment)}`))
        const left = new URLSearchParams(cleaned.hash.slice(1))
        for (const param of ['code', 'state', 'access_token', 'id_token']) {
          expect(cleaned.searchParams.has(param)).toBe(false)
          expect(left.has(param)).toBe(false)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('handleRedirectCallback only rejects with WebAuthError, and never accepts a state without a stored transaction', async () => {
    await fc.assert(
      fc.asyncProperty(urlText, async (url) => {
        const storage = stubSessionStorage()
        // An implicit token transaction: the only kind that can complete without a server.
        storage.setItem(
          TX_PREFIX + STORED_STATE,
          JSON.stringify({
            state: STORED_STATE,
            redirectUri: REDIRECT_URI,
            clientId: CLIENT_ID,
            responseType: 'token',
            expiresAt: Date.now() + 60_000,
          }),
        )
        const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 400 }))
        const webAuth = new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, redirectUri: REDIRECT_URI, fetch })
        let accepted = false
        try {
          await webAuth.handleRedirectCallback(url)
          accepted = true
        } catch (error) {
          expect(isWebAuthError(error), String(error)).toBe(true)
        }
        if (accepted) {
          expect(readCallbackParams(url).state).toBe(STORED_STATE)
        } else {
          let state: string | undefined
          try {
            state = readCallbackParams(url).state
          } catch {
            state = undefined
          }
          // Refused for its state: nothing may have been asked of the server.
          if (state !== STORED_STATE) expect(fetch).not.toHaveBeenCalled()
        }
      }),
      { numRuns: 500 },
    )
  })
})
