import { describe, expect, test } from 'vitest'
import { WebAuth } from '../../src/index'
import { fakeServer } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  REDIRECT_URI,
  TX_PREFIX,
  makeWebAuth,
  rejectsWith,
  stubSessionStorage,
} from './support/fixtures'
import { beginRedirectLogin, callbackUrl } from './support/redirect'

// A stored transaction is read back from sessionStorage, which a script, an extension or a person in the
// developer tools can edit between the two ends of a redirect: what does not have the shape the SDK wrote
// is no transaction at all (S7).

/**
 * Starts a redirect login, rewrites its stored transaction with `edit` (which gets the parsed record and
 * returns the new text), and completes the redirect with an error answer, so that a transaction accepted
 * shows as the server's `access_denied` and a refused one as `missing_transaction`.
 */
async function completeAfterEditing(edit: (stored: Record<string, unknown>) => string) {
  const storage = stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server)
  const { state } = await beginRedirectLogin(webAuth, server, navigate)
  const key = TX_PREFIX + state!
  storage.items.set(key, edit(JSON.parse(storage.items.get(key)!) as Record<string, unknown>))
  const outcome = webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state: state! }))
  return { outcome, storage, key }
}

const without =
  (name: string) =>
  (stored: Record<string, unknown>): string =>
    JSON.stringify({ ...stored, [name]: undefined })

describe('a stored transaction read back (S7)', () => {
  test('as the SDK wrote it, it is used: the redirect ends with the server’s answer', async () => {
    const { outcome } = await completeAfterEditing((stored) => JSON.stringify(stored))
    await rejectsWith(outcome, 'access_denied')
  })

  test.each([
    ['without its state', without('state')],
    ['without its redirect URI', without('redirectUri')],
    ['without its client', without('clientId')],
    ['without its expiry', without('expiresAt')],
    // A far-future expiry written as text would still compare as a number.
    ['with its expiry as text', (stored) => JSON.stringify({ ...stored, expiresAt: '99999999999999' })],
    ['replaced by null', () => 'null'],
    ['replaced by text that is not JSON', () => '{"state":'],
  ] as Array<[string, (stored: Record<string, unknown>) => string]>)(
    '%s, it is no transaction: missing_transaction, and only the used marker stays',
    async (_what, edit) => {
      const { outcome, storage, key } = await completeAfterEditing(edit)
      await rejectsWith(outcome, 'missing_transaction', /^No pending login for this redirect\.$/)
      // The record is gone; the marker (no secret in it) tells a second try of this redirect apart (S19).
      expect(storage.items.get(key)).toBe('used')
    },
  )
})

describe('the sessionStorage probe', () => {
  test('writes only under the SDK’s own key prefix and leaves nothing behind', () => {
    const storage = stubSessionStorage()
    storage.setItem('', 'the app’s own item')
    storage.writes.length = 0
    new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, redirectUri: REDIRECT_URI })
    expect(storage.writes.length).toBeGreaterThan(0)
    expect(storage.writes.filter(([key]) => !key.startsWith(TX_PREFIX))).toEqual([])
    expect([...storage.items]).toEqual([['', 'the app’s own item']])
  })
})
