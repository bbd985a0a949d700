import { expect, vi } from 'vitest'
import { WebAuth, WebAuthError, isWebAuthError, type WebAuthOptions } from '../../../src/index'
import type { FakeServer } from './fake-fetch'

export const DOMAIN = 'tenant.example.com'
export const ORIGIN = `https://${DOMAIN}`
export const ISSUER = `${ORIGIN}/`
export const CLIENT_ID = 'client-abc'
export const APP_ORIGIN = 'https://app.example.com'
export const REDIRECT_URI = `${APP_ORIGIN}/callback`
export const EMAIL = 'person@example.com'
export const PHONE = '+15555550123'
export const TX_PREFIX = 'passwordless-webauth.tx.'
/** The options of the most common calls in these tests: an email code sent, then verified. */
export const emailCodeStart = { connection: 'email', send: 'code', email: EMAIL } as const
export const emailLogin = { connection: 'email', email: EMAIL, verificationCode: '123456' } as const

/** A WebAuth talking to the fake server, with a navigation spy. */
export function makeWebAuth(
  server: FakeServer,
  overrides: Partial<WebAuthOptions> = {},
): { webAuth: WebAuth; navigate: ReturnType<typeof vi.fn<(url: string) => void>> } {
  const navigate = vi.fn<(url: string) => void>()
  const webAuth = new WebAuth({
    domain: DOMAIN,
    clientID: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    fetch: server.fetch,
    navigate,
    ...overrides,
  })
  return { webAuth, navigate }
}

function checkError(error: unknown, code: string, message?: RegExp): WebAuthError {
  expect(error, 'expected a WebAuthError').toBeInstanceOf(WebAuthError)
  expect(isWebAuthError(error)).toBe(true)
  const webAuthError = error as WebAuthError
  expect(webAuthError.code).toBe(code)
  if (message) expect(webAuthError.message).toMatch(message)
  return webAuthError
}

/** Awaits a rejection and checks it is a WebAuthError with this code (and message pattern). */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<WebAuthError> {
  const outcome = await promise.then(
    (value: unknown) => ({ rejected: false as const, value }),
    (error: unknown) => ({ rejected: true as const, error }),
  )
  if (!outcome.rejected)
    throw new Error(`Expected a rejection with ${code}, got ${JSON.stringify(outcome.value)}`)
  return checkError(outcome.error, code, message)
}

/** Runs a synchronous call and checks it throws a WebAuthError with this code (and message pattern). */
export function throwsWith(run: () => unknown, code: string, message?: RegExp): WebAuthError {
  let thrown: unknown
  let threw = false
  try {
    run()
  } catch (error) {
    threw = true
    thrown = error
  }
  if (!threw) throw new Error(`Expected a throw with ${code}`)
  return checkError(thrown, code, message)
}

/** A Map-backed `Storage`, recording every write. */
export class FakeStorage implements Storage {
  readonly items = new Map<string, string>()
  readonly writes: Array<[string, string]> = []
  get length(): number {
    return this.items.size
  }
  clear(): void {
    this.items.clear()
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
  setItem(key: string, value: string): void {
    this.writes.push([key, value])
    this.items.set(key, String(value))
  }
}

/** Stubs `sessionStorage` (and returns the fake). */
export function stubSessionStorage(): FakeStorage {
  const storage = new FakeStorage()
  vi.stubGlobal('sessionStorage', storage)
  return storage
}

/** Stubs `location` and `history` for a page at `href`; returns the `replaceState` spy. */
export function stubPage(href: string) {
  const url = new URL(href)
  const location = {
    href: url.href,
    origin: url.origin,
    host: url.host,
    hostname: url.hostname,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    assign: vi.fn(),
  }
  const replaceState = vi.fn<(data: unknown, unused: string, url?: string | URL | null) => void>()
  vi.stubGlobal('location', location)
  vi.stubGlobal('history', { state: { kept: true }, replaceState })
  return { location, replaceState }
}

/** Decodes base64url (with or without padding) to text. */
export function fromBase64Url(value: string): string {
  return Buffer.from(value, 'base64url').toString('utf8')
}

/** The stored transactions of a storage, parsed. */
export function storedTransactions(storage: FakeStorage): Array<Record<string, unknown>> {
  return [...storage.items.entries()]
    .filter(([key]) => key.startsWith(TX_PREFIX))
    .map(([, value]) => JSON.parse(value) as Record<string, unknown>)
}
