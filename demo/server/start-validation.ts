/**
 * E8: the checks of `/passwordless/start` (and of the identity fields that `/passwordless/verify` and
 * `verify_redirect` share), with the error codes and descriptions of Auth0's error reference. Each refusal is
 * a 400 `Problem`, thrown in the order in which Auth0 reports them.
 */
import type { EmulatorContext } from './context'
import type { Params } from './http'
import { assert } from './problem'
import { normaliseIdentity } from './identity'
import type { Delivery } from './codes'
import { CONNECTIONS, connectionState, findClient } from './tenant'
import type { ClientConfig, ConnectionName } from './tenant'

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

/** Every check here answers 400 with one of Auth0's `bad.*` codes. */
function check(condition: unknown, error: string, description: string): asserts condition {
  assert(condition, 400, error, description)
}

/** What a JSON value is called in Auth0's "invalid type" descriptions. */
function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/**
 * Client, connection and identity: shared by start, verify and verify_redirect.
 * @throws Problem `bad.client_id`, `bad.connection`, `bad.email` or `bad.phone_number`.
 */
export function validateIdentity(context: EmulatorContext, params: Params): IdentityRequest {
  const { client, connection } = validateConnection(context, params)
  return { client, connection, identity: readIdentity(connection, params) }
}

function validateConnection(
  context: EmulatorContext,
  params: Params,
): Pick<IdentityRequest, 'client' | 'connection'> {
  const clientId = params['client_id']
  check(clientId !== undefined && clientId !== '', 'bad.client_id', 'Missing required property: client_id')
  const client = findClient(context.tenant, clientId)
  check(client !== undefined, 'bad.client_id', `Unknown client: ${String(clientId)}`)
  const connection = params['connection']
  check(
    connection !== undefined && connection !== '',
    'bad.connection',
    'Missing required property: connection',
  )
  check(
    typeof connection === 'string' && (CONNECTIONS as readonly string[]).includes(connection),
    'bad.connection',
    'Connection does not exist',
  )
  const name = connection as ConnectionName
  check(connectionState(context.tenant, client, name) === 'ok', 'bad.connection', 'Connection is disabled')
  return { client, connection: name }
}

/** The normalised email address or phone number of the connection. */
function readIdentity(connection: ConnectionName, params: Params): string {
  const value = connection === 'email' ? checkEmail(params['email']) : checkPhone(params['phone_number'])
  return normaliseIdentity(connection, value)
}

function checkEmail(value: unknown): string {
  check(value !== undefined && value !== '', 'bad.email', 'Missing required property: email')
  check(
    typeof value === 'string',
    'bad.email',
    `error in email - invalid type: ${jsonType(value)} (expected string)`,
  )
  const length = value.trim().length
  check(
    length <= MAX_EMAIL_LENGTH,
    'bad.email',
    `error in email - String is too long (${length} chars), maximum ${MAX_EMAIL_LENGTH}`,
  )
  check(
    EMAIL_PATTERN.test(value.trim()),
    'bad.email',
    `error in email - email format validation failed: ${value}`,
  )
  return value
}

function checkPhone(value: unknown): string {
  check(value !== undefined && value !== '', 'bad.phone_number', 'Missing required property: phone_number')
  check(
    typeof value === 'string' && PHONE_PATTERN.test(value.trim()),
    'bad.phone_number',
    'String does not match pattern: ^\\+[0-9]{1,15}$',
  )
  return value
}

/**
 * The whole request of `/passwordless/start`, checked in Auth0's order: client and connection, unknown
 * properties, `send`, `authParams`, and only then the email address or phone number.
 * @throws Problem with the first `bad.*` error found.
 */
export function validateStart(context: EmulatorContext, params: Params): StartRequest {
  const { client, connection } = validateConnection(context, params)
  const unknown = Object.keys(params).filter((name) => !START_PROPERTIES.has(name))
  check(
    unknown.length === 0,
    'bad.request',
    `the following properties are not allowed: ${unknown.join(', ')}`,
  )
  // Left out, `send` means a link by email (the reference: "If null, a link will be sent") and a code by SMS:
  // Auth0's backend SDKs (node-auth0's sendSMS, auth0-python's sms) send none for a texted code.
  const send = params['send'] ?? (connection === 'sms' ? 'code' : 'link')
  check(send === 'link' || send === 'code', 'bad.send', `error in send - No enum match for: ${String(send)}`)
  const authParams = readAuthParams(params['authParams'])
  const identity = readIdentity(connection, params)
  // Deliberate: Auth0 documents links for email only; a texted link would also be opened by link previews.
  check(
    send === 'code' || connection === 'email',
    'bad.send',
    'error in send - links can only be sent with the email connection',
  )
  return { client, connection, identity, send, authParams }
}

function readAuthParams(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {}
  check(
    typeof value === 'object' && !Array.isArray(value),
    'bad.authParams',
    `error in authParams - invalid type: ${jsonType(value)} (expected object)`,
  )
  const entries = Object.entries(value as Record<string, unknown>)
  check(
    entries.length <= MAX_AUTH_PARAMS,
    'bad.authParams',
    `error in authParams - Too many properties defined (${entries.length}), maximum ${MAX_AUTH_PARAMS}`,
  )
  const out: Record<string, string> = {}
  for (const [name, entry] of entries) {
    if (entry === undefined || entry === null) continue
    check(
      typeof entry !== 'object',
      'bad.authParams',
      `error in authParams.${name} - invalid type: ${jsonType(entry)} (expected string)`,
    )
    const text = String(entry)
    check(
      text.length <= MAX_AUTH_PARAM_LENGTH,
      'bad.authParams',
      `error in authParams.${name} - String is too long (${text.length} chars), maximum ${MAX_AUTH_PARAM_LENGTH}`,
    )
    out[name] = text
  }
  return out
}
