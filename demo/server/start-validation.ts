/**
 * E8: the checks of `/passwordless/start` (and of the identity fields that `/passwordless/verify` and
 * `verify_redirect` share), with the error codes and descriptions of Auth0's error reference.
 */
import type { EmulatorContext } from './context'
import type { Params } from './http'
import { normaliseIdentity } from './codes'
import type { Delivery } from './codes'
import { CONNECTIONS, connectionState, findClient } from './tenant'
import type { ClientConfig, ConnectionName } from './tenant'

export interface Problem {
  status: 400 | 401 | 403
  error: string
  description: string
}

export interface IdentityRequest {
  client: ClientConfig
  connection: ConnectionName
  /** The normalised email address or phone number. */
  identity: string
}

export interface StartRequest extends IdentityRequest {
  send: Delivery
  authParams: Record<string, string>
}

const START_PROPERTIES = new Set([
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'connection',
  'email',
  'phone_number',
  'send',
  'authParams',
  'captcha',
])
/** RFC 5321's longest address; also keeps a long run of one character away from EMAIL_PATTERN. */
export const MAX_EMAIL_LENGTH = 254
/**
 * authParams are kept with the code and written into the link (and the outbox page), so their number and
 * length are bounded; the descriptions use the wording of Auth0's other schema errors.
 */
export const MAX_AUTH_PARAMS = 32
export const MAX_AUTH_PARAM_LENGTH = 2048

/** Auth0's documented pattern (looser than E.164, which the SDK checks itself). */
export const PHONE_PATTERN = /^\+[0-9]{1,15}$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const bad = (error: string, description: string): Problem => ({ status: 400, error, description })

/** What a JSON value is called in Auth0's "invalid type" descriptions. */
function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** Client, connection and identity: shared by start, verify and verify_redirect. */
export function validateIdentity(context: EmulatorContext, params: Params): IdentityRequest | Problem {
  const clientId = params['client_id']
  if (clientId === undefined || clientId === '')
    return bad('bad.client_id', 'Missing required property: client_id')
  const client = findClient(context.tenant, clientId)
  if (client === undefined) return bad('bad.client_id', `Unknown client: ${String(clientId)}`)
  const connection = params['connection']
  if (connection === undefined || connection === '') {
    return bad('bad.connection', 'Missing required property: connection')
  }
  if (typeof connection !== 'string' || !(CONNECTIONS as readonly string[]).includes(connection)) {
    return bad('bad.connection', 'Connection does not exist')
  }
  const name = connection as ConnectionName
  if (connectionState(context.tenant, client, name) !== 'ok')
    return bad('bad.connection', 'Connection is disabled')
  const identity = name === 'email' ? checkEmail(params['email']) : checkPhone(params['phone_number'])
  if (typeof identity !== 'string') return identity
  return { client, connection: name, identity: normaliseIdentity(name, identity) }
}

function checkEmail(value: unknown): string | Problem {
  if (value === undefined || value === '') return bad('bad.email', 'Missing required property: email')
  if (typeof value !== 'string')
    return bad('bad.email', `error in email - invalid type: ${jsonType(value)} (expected string)`)
  if (value.trim().length > MAX_EMAIL_LENGTH) {
    const length = value.trim().length
    return bad(
      'bad.email',
      `error in email - String is too long (${length} chars), maximum ${MAX_EMAIL_LENGTH}`,
    )
  }
  if (!EMAIL_PATTERN.test(value.trim()))
    return bad('bad.email', `error in email - email format validation failed: ${value}`)
  return value
}

function checkPhone(value: unknown): string | Problem {
  if (value === undefined || value === '')
    return bad('bad.phone_number', 'Missing required property: phone_number')
  if (typeof value !== 'string' || !PHONE_PATTERN.test(value.trim())) {
    return bad('bad.phone_number', 'String does not match pattern: ^\\+[0-9]{1,15}$')
  }
  return value
}

/** The whole request of `/passwordless/start`, or the first problem found, in Auth0's order. */
export function validateStart(context: EmulatorContext, params: Params): StartRequest | Problem {
  const unknown = Object.keys(params).filter((name) => !START_PROPERTIES.has(name))
  const base = validateIdentity(context, params)
  if ('error' in base && base.error !== 'bad.email' && base.error !== 'bad.phone_number') return base
  if (unknown.length > 0)
    return bad('bad.request', `the following properties are not allowed: ${unknown.join(', ')}`)

  const send = params['send'] ?? 'link'
  if (send !== 'link' && send !== 'code')
    return bad('bad.send', `error in send - No enum match for: ${String(send)}`)
  const authParams = readAuthParams(params['authParams'])
  if ('problem' in authParams) return authParams.problem
  if ('error' in base) return base
  if (send === 'link' && base.connection === 'sms') {
    // Deliberate: Auth0 documents links for email only; a texted link would also be opened by link previews.
    return bad('bad.send', 'error in send - links can only be sent with the email connection')
  }
  return { ...base, send, authParams: authParams.values }
}

function readAuthParams(value: unknown): { values: Record<string, string> } | { problem: Problem } {
  if (value === undefined || value === null) return { values: {} }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      problem: bad(
        'bad.authParams',
        `error in authParams - invalid type: ${jsonType(value)} (expected object)`,
      ),
    }
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length > MAX_AUTH_PARAMS) {
    const description = `error in authParams - Too many properties defined (${entries.length}), maximum ${MAX_AUTH_PARAMS}`
    return { problem: bad('bad.authParams', description) }
  }
  const out: Record<string, string> = {}
  for (const [name, entry] of entries) {
    if (entry === undefined || entry === null) continue
    if (typeof entry === 'object') {
      const description = `error in authParams.${name} - invalid type: ${jsonType(entry)} (expected string)`
      return { problem: bad('bad.authParams', description) }
    }
    const text = String(entry)
    if (text.length > MAX_AUTH_PARAM_LENGTH) {
      const description = `error in authParams.${name} - String is too long (${text.length} chars), maximum ${MAX_AUTH_PARAM_LENGTH}`
      return { problem: bad('bad.authParams', description) }
    }
    out[name] = text
  }
  return { values: out }
}
