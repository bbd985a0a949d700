/**
 * S19: an email link completes in any tab of the browser that asked for it; opened in another browser (or after
 * its login expired) it gets its own outcome, told apart from a replayed or forged state, and nothing is
 * exchanged without the transaction's verifier.
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { ErrorCode } from '../../src/index'
import { fakeServer, json, sentAuthParams, startServer } from './support/fake-fetch'
import { EMAIL, FakeStorage, TX_PREFIX, makeWebAuth, rejectsWith } from './support/fixtures'
import { callbackUrl, expectTokenExchange } from './support/redirect'

/** One tab: its own sessionStorage, and the browser's localStorage. */
function openTab(local: Storage) {
  const session = new FakeStorage()
  vi.stubGlobal('sessionStorage', session)
  vi.stubGlobal('localStorage', local)
  return session
}

/** Asks for a link in a fresh tab of the browser whose localStorage is `local`; returns the link's state. */
async function askForLink(local: Storage): Promise<{ state: string; challenge: string }> {
  openTab(local)
  let sent: Record<string, string> = {}
  const server = fakeServer({
    method: 'POST',
    path: '/passwordless/start',
    check: (request) => {
      sent = (request.body as { authParams: Record<string, string> }).authParams
    },
    reply: json(200, { _id: 'x', email: EMAIL }),
  })
  // No ID token asked for: these tests are about the transaction, not the token's checks.
  const { webAuth } = makeWebAuth(server, { scope: 'email' })
  await webAuth.passwordlessStart({ connection: 'email', email: EMAIL, send: 'link', appState: { a: 1 } })
  return { state: sent.state ?? '', challenge: sent.code_challenge ?? '' }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('S19: links across tabs and browsers', () => {
  test('S19: a link’s transaction is kept in localStorage, under a 44-character state', async () => {
    const local = new FakeStorage()
    const { state } = await askForLink(local)
    expect(state).toMatch(/^[\w-]{44}$/)
    expect(JSON.parse(local.getItem(TX_PREFIX + state) ?? '{}')).toMatchObject({ state })
  })

  test('S19: a link opened in a second tab of the same browser completes there', async () => {
    const local = new FakeStorage()
    const { state, challenge } = await askForLink(local)
    openTab(local)
    const server = fakeServer()
    expectTokenExchange(server, {
      code: 'link-code',
      challenge,
      reply: json(200, { access_token: 'at', token_type: 'Bearer' }),
    })
    const { webAuth } = makeWebAuth(server, { scope: 'email' })
    const result = await webAuth.handleRedirectCallback(callbackUrl({ code: 'link-code', state }))
    expect(result).toMatchObject({ accessToken: 'at', appState: { a: 1 } })
    expect(local.getItem(TX_PREFIX + state)).toBeNull()
  })

  test('S19: opened in another browser: link_not_usable_here, and no code exchange', async () => {
    const { state } = await askForLink(new FakeStorage())
    openTab(new FakeStorage())
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'link-code', state })),
      ErrorCode.LinkNotUsableHere,
    )
    expect(server.requests).toEqual([])
  })

  test('S19: opened after the login expired: link_not_usable_here', async () => {
    const start = Date.parse('2030-01-01T00:00:00Z')
    vi.useFakeTimers({ toFake: ['Date'], now: start })
    const local = new FakeStorage()
    const { state } = await askForLink(local)
    vi.setSystemTime(start + 31 * 60 * 1000)
    const { webAuth } = makeWebAuth(fakeServer())
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state })),
      ErrorCode.LinkNotUsableHere,
    )
  })

  test('S19: the same redirect again in that tab is a replay: missing_transaction', async () => {
    const local = new FakeStorage()
    const { state, challenge } = await askForLink(local)
    const server = fakeServer()
    expectTokenExchange(server, { code: 'c', challenge, reply: json(200, { access_token: 'at' }) })
    const { webAuth } = makeWebAuth(server, { scope: 'email' })
    await webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state }))
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state })),
      'missing_transaction',
    )
  })

  test('S19: a state this SDK did not make for a link is missing_transaction, not the link’s outcome', async () => {
    openTab(new FakeStorage())
    const { webAuth } = makeWebAuth(fakeServer())
    for (const state of ['forged', 'x'.repeat(43), 'x'.repeat(45)]) {
      await rejectsWith(
        webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state })),
        'missing_transaction',
      )
    }
  })

  test('S19: without a usable localStorage the link is kept in the tab’s sessionStorage', async () => {
    const session = openTab(new FakeStorage())
    vi.stubGlobal('localStorage', undefined)
    const server = startServer(json(200, { _id: 'x', email: EMAIL }))
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', email: EMAIL })
    const state = sentAuthParams(server.requests[0]).state
    expect(session.getItem(TX_PREFIX + state)).toContain(state)
  })

  test('S19: a failed start leaves no link behind in localStorage', async () => {
    const local = new FakeStorage()
    openTab(local)
    const server = startServer(json(400, { error: 'bad.email', error_description: 'nope' }))
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessStart({ connection: 'email', email: EMAIL }), 'bad.email')
    expect(local.items.size).toBe(0)
  })
})
