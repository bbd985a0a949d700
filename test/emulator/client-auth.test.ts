import { describe, expect, test } from 'vitest'
import { ENFORCE_SETTING_NAME } from '../../demo/server/routes/passwordless-start'
import {
  NATIVE,
  SPA,
  SPA_CALLBACK,
  WEB,
  WEB_CALLBACK,
  WEB_SECRET,
  cookiesFrom,
  readLoginConfig,
  setup,
  startEmail,
} from './helpers'
import type { Harness } from './helpers'

type Credential = 'secret' | 'wrong secret' | 'forwarded login state' | 'nothing'
type Outcome = { status: number; error?: string; description?: string; depnote: boolean }

const clients = [
  { id: SPA, kind: 'public SPA', callback: SPA_CALLBACK },
  { id: NATIVE, kind: 'public native app', callback: undefined },
  { id: WEB, kind: 'confidential regular web app', callback: WEB_CALLBACK },
] as const
const credentials: Credential[] = ['secret', 'wrong secret', 'forwarded login state', 'nothing']
const DEPNOTE_QUERY = 'type:depnote AND description:*passwordless*'

const invalidClient = {
  status: 401,
  error: 'invalid_client',
  description: 'Invalid client credentials',
  depnote: false,
}
const ok = { status: 200, depnote: false }

/** The matrix of E7, written out so that a reader can check it against the rule. */
function expected(clientId: string, credential: Credential, enforce: boolean): Outcome {
  const confidential = clientId === WEB
  if (credential === 'wrong secret') return invalidClient
  // A public client has no secret, so any secret it sends is a wrong one.
  if (credential === 'secret') return confidential ? ok : invalidClient
  if (!confidential || credential === 'forwarded login state') return ok
  return enforce
    ? {
        status: 403,
        error: 'unauthorized_client',
        description: 'Client authentication is required',
        depnote: false,
      }
    : { status: 200, depnote: true }
}

/**
 * A live login transaction's state for the client (or, for the native app which has none, the SPA's), and
 * the Cookie header of the browser that opened it.
 */
async function forwardedState(
  h: Harness,
  callback: string | undefined,
  clientId: string,
): Promise<{ state: string; cookie: string }> {
  const id = callback === undefined ? SPA : clientId
  const uri = callback ?? SPA_CALLBACK
  const page = await h.get(
    `/authorize?client_id=${id}&redirect_uri=${encodeURIComponent(uri)}&response_type=code`,
  )
  return { state: (await readLoginConfig(page)).internalOptions['state'] ?? '', cookie: cookiesFrom(page) }
}

describe('E7: client authentication of /passwordless/start', () => {
  for (const enforce of [true, false]) {
    for (const client of clients) {
      for (const credential of credentials) {
        const outcome = expected(client.id, credential, enforce)
        test(`${client.kind} with ${credential}, enforcement ${enforce ? 'on' : 'off'}: ${outcome.status}${outcome.depnote ? ' and a depnote' : ''}`, async () => {
          const h = setup({ tenant: { settings: { enforceClientAuthForPasswordless: enforce } } })
          const body: Record<string, unknown> = {
            client_id: client.id,
            connection: 'email',
            send: 'code',
            email: 'matrix@example.com',
          }
          if (credential === 'secret') body['client_secret'] = WEB_SECRET
          if (credential === 'wrong secret') body['client_secret'] = 'not-the-secret'
          const headers: Record<string, string> = {}
          if (credential === 'forwarded login state') {
            const forwarded = await forwardedState(h, client.callback, client.id)
            body['authParams'] = { state: forwarded.state }
            headers['cookie'] = forwarded.cookie
          }
          const response = await h.post('/passwordless/start', body, headers)
          expect(response.status).toBe(outcome.status)
          const answer = (await response.json()) as Record<string, unknown>
          if (outcome.error !== undefined) {
            expect(answer).toEqual({ error: outcome.error, error_description: outcome.description })
            expect(h.emulator.outbox.list()).toHaveLength(0)
          } else {
            expect(h.emulator.outbox.list('matrix@example.com')).toHaveLength(1)
          }
          const logs = await h.get(`/__emulator/logs?q=${encodeURIComponent(DEPNOTE_QUERY)}`)
          const found = ((await logs.json()) as { logs: { description: string; client_id: string }[] }).logs
          expect(found).toHaveLength(outcome.depnote ? 1 : 0)
          if (outcome.depnote) {
            expect(found[0]?.description).toContain(ENFORCE_SETTING_NAME)
            expect(found[0]?.description).toContain(
              'Enforce client authentication for passwordless connections',
            )
            expect(found[0]?.client_id).toBe(WEB)
          }
        })
      }
    }
  }

  test("a state that names no live transaction, or another client's, does not authenticate", async () => {
    const h = setup()
    const spa = await forwardedState(h, SPA_CALLBACK, SPA)
    for (const state of ['made-up', spa.state]) {
      const response = await startEmail(
        h,
        'x@example.com',
        { client_id: WEB, authParams: { state } },
        { cookie: spa.cookie },
      )
      expect(response.status).toBe(403)
    }
  })

  test('a transaction that expired no longer authenticates', async () => {
    const h = setup()
    const { state, cookie } = await forwardedState(h, WEB_CALLBACK, WEB)
    h.clock.now += 1800_000
    const response = await startEmail(
      h,
      'x@example.com',
      { client_id: WEB, authParams: { state } },
      { cookie },
    )
    expect(response.status).toBe(403)
  })

  test('the setting can be turned off at run time', async () => {
    const h = setup()
    h.emulator.settings.enforceClientAuthForPasswordless = false
    const response = await startEmail(h, 'x@example.com', { client_id: WEB })
    expect(response.status).toBe(200)
  })
})
