import { afterEach, describe, expect, test, vi } from 'vitest'
import { fakeServer } from './support/fake-fetch'
import { REDIRECT_URI, makeWebAuth, rejectsWith, stubPage, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl } from './support/redirect'

// The redirect callback where a planted bug went unnoticed: the address bar cleaned only after the
// parameters were read (so a refused redirect left its code in the history), and the instant a
// transaction expires.

afterEach(() => {
  vi.useRealTimers()
})

describe('the address bar of a refused redirect (S8)', () => {
  test.each([
    ['a duplicated code', `${REDIRECT_URI}?code=mine&code=attacker&state=s1`],
    ['two states', `${REDIRECT_URI}?code=c&state=s1&state=s2`],
    ['no state', `${REDIRECT_URI}?code=c`],
    ['an empty state', `${REDIRECT_URI}?code=c&state=`],
    ['a state in the query and another in the fragment', `${REDIRECT_URI}?code=c&state=s1#state=s2`],
  ])('%s: state_mismatch, and the code has already left the address bar', async (_what, href) => {
    stubSessionStorage()
    const { replaceState } = stubPage(href)
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(webAuth.handleRedirectCallback(), 'state_mismatch')
    expect(replaceState).toHaveBeenCalledTimes(1)
    expect(replaceState).toHaveBeenCalledWith({ kept: true }, '', REDIRECT_URI)
  })
})

describe('the expiry of a transaction (S7)', () => {
  const start = Date.parse('2030-01-01T00:00:00Z')
  const THIRTY_MINUTES = 30 * 60 * 1000

  async function loginAt(offset: number) {
    vi.useFakeTimers({ toFake: ['Date'], now: start })
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    vi.setSystemTime(start + offset)
    return webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state: query.state! }))
  }

  test('is still usable one millisecond before its expiry', async () => {
    await rejectsWith(loginAt(THIRTY_MINUTES - 1), 'access_denied')
  })

  test('is refused at the very instant it expires', async () => {
    await rejectsWith(
      loginAt(THIRTY_MINUTES),
      'missing_transaction',
      /^No pending login for this redirect\.$/,
    )
  })
})
