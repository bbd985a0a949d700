import { describe, expect, test } from 'vitest'
import { fakeServer } from './support/fake-fetch'
import { REDIRECT_URI, TX_PREFIX, makeWebAuth, rejectsWith, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl } from './support/redirect'

// S8: a missing, unknown, duplicated or mismatched state is refused before any code or token is used.

describe('handleRedirectCallback()', () => {
  describe('state checks before any request (S8)', () => {
    const setup = async () => {
      stubSessionStorage()
      const server = fakeServer()
      const { webAuth, navigate } = makeWebAuth(server)
      const query = await beginRedirectLogin(webAuth, server, navigate)
      const requestsBefore = server.requests.length
      const noNewRequest = () => expect(server.requests).toHaveLength(requestsBefore)
      return { webAuth, query, noNewRequest }
    }

    test('missing state -> state_mismatch', async () => {
      const { webAuth, noNewRequest } = await setup()
      await rejectsWith(webAuth.handleRedirectCallback(callbackUrl({ code: 'c' })), 'state_mismatch')
      noNewRequest()
    })

    test('empty state -> state_mismatch', async () => {
      const { webAuth, noNewRequest } = await setup()
      await rejectsWith(webAuth.handleRedirectCallback(`${REDIRECT_URI}?code=c&state=`), 'state_mismatch')
      noNewRequest()
    })

    test('unknown state -> missing_transaction', async () => {
      const { webAuth, noNewRequest } = await setup()
      await rejectsWith(
        webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: 'forged-state' })),
        'missing_transaction',
      )
      noNewRequest()
    })

    test('duplicated state -> state_mismatch, and the transaction survives', async () => {
      const { webAuth, query, noNewRequest } = await setup()
      await rejectsWith(
        webAuth.handleRedirectCallback(`${REDIRECT_URI}?code=c&state=${query.state}&state=${query.state}`),
        'state_mismatch',
      )
      noNewRequest()
      await rejectsWith(
        webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state: query.state! })),
        'access_denied',
      )
    })

    test('two different states -> state_mismatch', async () => {
      const { webAuth, query, noNewRequest } = await setup()
      await rejectsWith(
        webAuth.handleRedirectCallback(`${REDIRECT_URI}?code=c&state=${query.state}&state=attacker`),
        'state_mismatch',
      )
      noNewRequest()
    })

    test('a duplicated code -> state_mismatch', async () => {
      const { webAuth, query, noNewRequest } = await setup()
      await rejectsWith(
        webAuth.handleRedirectCallback(`${REDIRECT_URI}?code=mine&code=attacker&state=${query.state}`),
        'state_mismatch',
      )
      noNewRequest()
    })

    test('a state in both the query and the fragment -> state_mismatch', async () => {
      const { webAuth, query, noNewRequest } = await setup()
      await rejectsWith(
        webAuth.handleRedirectCallback(`${REDIRECT_URI}?code=c&state=${query.state}#state=${query.state}`),
        'state_mismatch',
      )
      noNewRequest()
    })

    test('a state other than the one the app expects -> state_mismatch', async () => {
      const { webAuth, query, noNewRequest } = await setup()
      await rejectsWith(
        webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: query.state! }), {
          state: 'expected-other',
        }),
        'state_mismatch',
      )
      noNewRequest()
    })

    test('a transaction of another client -> state_mismatch', async () => {
      const storage = stubSessionStorage()
      const server = fakeServer()
      const other = makeWebAuth(server, { clientID: 'other-client' })
      const query = await beginRedirectLogin(other.webAuth, server, other.navigate)
      expect(storage.getItem(TX_PREFIX + query.state)).not.toBeNull()
      const { webAuth } = makeWebAuth(server)
      await rejectsWith(
        webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: query.state! })),
        'state_mismatch',
      )
      expect(server.requests.map((request) => request.path)).toEqual(['/co/authenticate'])
    })

    test('a URL that is not absolute -> invalid_input', async () => {
      const { webAuth, noNewRequest } = await setup()
      await rejectsWith(webAuth.handleRedirectCallback('/callback?code=c&state=s'), 'invalid_input', /"url"/)
      noNewRequest()
    })
  })
})
