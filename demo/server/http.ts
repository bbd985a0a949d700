/**
 * Request and response plumbing shared by the routes: reading JSON or form bodies, the client's address, and
 * the headers every response carries (E13, E14). Refusals are answered in refusals.ts.
 */
import { isIP } from 'node:net'
import type { Context, MiddlewareHandler } from 'hono'
import type { HttpBindings } from '@hono/node-server'
import { assert } from './problem'
import type { RefusalView } from './refusals'

/**
 * In-process callers (tests) have no socket; they may name their address with this header. The Node server
 * ignores it and uses the socket, so a browser cannot forge its address.
 */
export const TEST_CLIENT_IP_HEADER = 'x-emulator-client-ip'
export const EMULATOR_HEADER = 'X-Emulator'
export const EMULATOR_HEADER_VALUE = 'passwordless-webauth'

export type AppEnv = {
  Bindings: Partial<HttpBindings>
  /**
   * The address the request counts for (the caller's, see `clientAddress`, until a route honours a trusted
   * `auth0-forwarded-for`: client-auth.ts), and how a browser route shows refusals (refusals.ts).
   */
  Variables: { clientIp: string; refusalView: RefusalView | undefined }
}
export type AppContext = Context<AppEnv>

export type Params = Record<string, unknown>

/** A JSON object or a form body as a plain object; `undefined` when the body cannot be read as either. */
export async function readParams(c: AppContext): Promise<Params | undefined> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  const text = await c.req.text()
  if (type.includes('application/x-www-form-urlencoded')) return readForm(text)
  if (text.trim() === '') return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Params)
      : undefined
  } catch {
    return undefined
  }
}

/** `name[key]=value`: one level of nesting, the way form clients send an object such as `authParams`. */
const NESTED_NAME = /^([^[\]]+)\[([^[\]]+)\]$/

/**
 * A form body as parameters. `authParams[scope]=openid` becomes `{ authParams: { scope: 'openid' } }`, as
 * auth0.js 7 sent it (reqwest's form encoding of nested objects); any other name stays as it is, so a deeper
 * nesting reaches validation as an unknown property. The last of repeated names wins. Built with
 * `Object.fromEntries`, which defines own properties: a field named `__proto__` cannot reach a prototype.
 */
function readForm(text: string): Params {
  const flat = new Map<string, string>()
  const nested = new Map<string, Map<string, string>>()
  for (const [name, value] of new URLSearchParams(text)) {
    const match = NESTED_NAME.exec(name)
    if (match === null) {
      flat.set(name, value)
      continue
    }
    const [, outer = '', inner = ''] = match
    const entries = nested.get(outer) ?? new Map<string, string>()
    nested.set(outer, entries.set(inner, value))
  }
  const params: [string, unknown][] = [...flat]
  for (const [outer, entries] of nested) {
    if (!flat.has(outer)) params.push([outer, Object.fromEntries(entries)])
  }
  return Object.fromEntries(params)
}

/** A string parameter, or undefined when absent or not a string. */
export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name]
  return typeof value === 'string' ? value : undefined
}

/**
 * A parameter that must be a non-empty string.
 * @throws Problem 400 `invalid_request` in Auth0's words (`Missing required parameter: code`), or `description`.
 */
export function requiredParam(
  params: Params,
  name: string,
  description = `Missing required parameter: ${name}`,
): string {
  const value = stringParam(params, name)
  assert(value !== undefined && value !== '', 400, 'invalid_request', description)
  return value
}

/** Where a request came from, as tenant log entries record it (log-entry.ts). */
export interface RequestOrigin {
  /** The address the request counts for: the caller's, or a trusted `auth0-forwarded-for` once honoured. */
  ip: string
  /** The `User-Agent` header as sent, '' without one. */
  userAgent: string
}

export function requestOrigin(c: AppContext): RequestOrigin {
  return { ip: c.get('clientIp'), userAgent: c.req.header('user-agent') ?? '' }
}

/** Sets the client's address: the socket's under Node, else the test header, else 127.0.0.1. */
export const clientAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
  const socketAddress = c.env?.incoming?.socket.remoteAddress
  const testAddress = c.req.header(TEST_CLIENT_IP_HEADER)
  let address = socketAddress ?? (testAddress !== undefined && isIP(testAddress) ? testAddress : '127.0.0.1')
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length)
  c.set('clientIp', address)
  await next()
}

/**
 * E13 and E14 on every response: no caching by default (codes and tokens travel through most routes; the few
 * static assets relax it), no referrer, no sniffing, no framing, and a header saying this is the emulator.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  const headers = c.res.headers
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  // For HTTP/1.0 caches, as Auth0's token endpoint does.
  if (headers.get('Cache-Control') === 'no-store') headers.set('Pragma', 'no-cache')
  headers.set('Referrer-Policy', 'no-referrer')
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('X-Frame-Options', 'DENY')
  headers.set(EMULATOR_HEADER, EMULATOR_HEADER_VALUE)
}
