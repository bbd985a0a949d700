import vm from 'node:vm'
import { describe, expect, test } from 'vitest'
import { WebAuth, type PasswordlessStartOptions } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  makeWebAuth,
  rejectsWith,
  storedTransactions,
  stubSessionStorage,
  throwsWith,
} from './support/fixtures'

// The secret guard where a planted bug went unnoticed: collections it must read (FormData, a Map of another
// realm), keys that are String objects, lookalike letters at the edge of its table, and its seen-set, which
// must refuse a cycle and still accept a value met twice.

const SECRET = 'super-secret-value'
const base = { domain: DOMAIN, clientID: CLIENT_ID }
const emailLink = { connection: 'email', send: 'link', email: EMAIL } as const

/** A link start with `extra` merged in: its outcome, and whether a request went out. */
async function startWith(extra: Record<string, unknown>): Promise<{ code: string; requests: number }> {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth } = makeWebAuth(server)
  const error = await rejectsWith(
    webAuth.passwordlessStart({ ...emailLink, ...extra } as PasswordlessStartOptions),
    'client_secret_in_browser',
  )
  return { code: error.code, requests: server.requests.length }
}

describe('the secret guard reads every keyed collection (S1)', () => {
  const pairs: Array<[string, string]> = [
    ['scope', 'openid'],
    ['client_secret', SECRET],
  ]
  test.each([
    ['a FormData', () => formData(pairs)],
    ['a URLSearchParams', () => new URLSearchParams(pairs)],
    ['a Headers', () => new Headers(pairs)],
    ['a Map', () => new Map(pairs)],
    ['a Map of another realm', () => vm.runInNewContext('(pairs) => new Map(pairs)')(pairs) as unknown],
  ])('client_secret inside %s given as authParams is refused before any request', async (_form, make) => {
    expect(await startWith({ authParams: make() })).toEqual({ code: 'client_secret_in_browser', requests: 0 })
  })

  test.each([
    ['a FormData', () => formData(pairs)],
    ['a Map of another realm', () => vm.runInNewContext('(pairs) => new Map(pairs)')(pairs) as unknown],
  ])('client_secret inside %s given as appState is refused before any request', async (_form, make) => {
    expect(await startWith({ appState: { form: make() } })).toEqual({
      code: 'client_secret_in_browser',
      requests: 0,
    })
  })

  test('a Map key that is a String object spelled client_secret is refused, naming it', async () => {
    throwsWith(
      () => new WebAuth({ ...base, headers: new Map([[new String('client_secret') as never, 'x']]) }),
      'client_secret_in_browser',
      /"client_secret"/,
    )
    const foreign = vm.runInNewContext(`new Map([[new String('client_secret'), ${JSON.stringify(SECRET)}]])`)
    expect(await startWith({ appState: foreign })).toEqual({ code: 'client_secret_in_browser', requests: 0 })
    // Its text is what it holds, not what its own toString says.
    const disguised = Object.assign(new String('client_secret'), { toString: () => 'harmless' })
    expect(await startWith({ appState: new Map([[disguised, SECRET]]) })).toEqual({
      code: 'client_secret_in_browser',
      requests: 0,
    })
  })

  test('client_assertion spelled with a Cyrillic а (the first letter of the lookalike table) is refused', () => {
    throwsWith(
      () => new WebAuth({ ...base, internalOptions: { client_аssertion: 'jwt' } }),
      'client_secret_in_browser',
    )
  })

  test('a header that only mentions authorization in its middle is an ordinary header', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.headers.get('x-authorization-trace')).toBe('t-1'),
      reply: json(200, {}),
    })
    const { webAuth } = makeWebAuth(server, { headers: { 'X-Authorization-Trace': 't-1' } })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })
})

describe('the seen-set of the input snapshot (S14)', () => {
  test.each([
    [
      'a Map that holds itself',
      () => {
        const map = new Map<string, unknown>([['scope', 'openid']])
        map.set('self', map)
        return { appState: map }
      },
    ],
    [
      'an array that holds itself',
      () => {
        const list: unknown[] = ['a']
        list.push(list)
        return { appState: list }
      },
    ],
  ])('%s is refused as circular, not as too deep', async (_what, make) => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(
      webAuth.passwordlessStart({ ...emailLink, ...make() } as PasswordlessStartOptions),
      'invalid_input',
      /circular/,
    )
  })

  test('one object met twice, side by side, is not a cycle: it is read both times', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({ method: 'POST', path: '/passwordless/start', reply: json(200, {}) })
    const { webAuth } = makeWebAuth(server)
    const shared = { plan: 'pro' }
    const appState = { current: shared, previous: shared, history: [shared, shared] }
    await webAuth.passwordlessStart({ ...emailLink, appState })
    expect(storedTransactions(storage)[0]?.appState).toEqual({
      current: { plan: 'pro' },
      previous: { plan: 'pro' },
      history: [{ plan: 'pro' }, { plan: 'pro' }],
    })
  })
})

function formData(pairs: Array<[string, string]>): FormData {
  const form = new FormData()
  for (const [name, value] of pairs) form.append(name, value)
  return form
}
