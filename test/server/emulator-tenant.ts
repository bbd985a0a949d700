// The emulator in-process as the tenant of the server entry's tests: its fetch handler is the client's
// `fetch`, and every request the client made is recorded.
import { NATIVE, WEB, WEB_SECRET, setup } from '../emulator/helpers'
import type { Harness } from '../emulator/helpers'
import { createServerClient, isWebAuthError } from '../../src/server/index'
import type { ServerClient } from '../../src/server/index'

/** The person's address a backend forwards in `auth0-forwarded-for`. */
export const PERSON_IP = '203.0.113.7'

export interface Sent {
  url: string
  headers: Headers
  body: Record<string, unknown> | undefined
}

/** The emulator at the real time (ID tokens are checked against the clock), and the requests a client made. */
export function tenant(): Harness & {
  sent: Sent[]
  client: (options?: { secret?: boolean; id?: string }) => ServerClient
} {
  const h = setup()
  h.clock.now = Date.now()
  const sent: Sent[] = []
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.clone().text()
    sent.push({ url: request.url, headers: request.headers, body: text ? JSON.parse(text) : undefined })
    return h.emulator.fetch(request)
  }
  const client = ({ secret = true, id }: { secret?: boolean; id?: string } = {}) =>
    createServerClient({
      domain: h.emulator.issuer,
      clientId: id ?? (secret ? WEB : NATIVE),
      ...(secret && { clientSecret: WEB_SECRET }),
      fetch: recording,
    })
  return Object.assign(h, { sent, client })
}

/** Awaits `call` (a Promise, or a function that throws or rejects), which must fail, and answers its error. */
export async function refusal(call: Promise<unknown> | (() => unknown)) {
  const error = await (async () => (typeof call === 'function' ? call() : call))().then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!isWebAuthError(error)) throw new Error(`expected a WebAuthError, got ${String(error)}`)
  return error
}
