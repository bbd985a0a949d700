import { run } from '../api/settle'
import { sdkError } from '../core/errors'
import { isPlainObject, nonEmptyString, withoutUndefined } from '../lib/json'
import { throwMfaRefusal } from './errors'
import { parseChallenge, parseListAuthenticators, parseVerify } from './input'
import type { TokenGrant } from './tokens'
import type { ServerTransport } from './transport'
import type { MfaApi, MfaAuthenticator, MfaChallenge } from './types'

const MFA_GRANT = 'http://auth0.com/oauth/grant-type/mfa-'

/** What the MFA calls share with the rest of a server client. */
export interface MfaDependencies {
  transport: ServerTransport
  /** `client_id`, and `client_secret` for a confidential client. */
  credentials: Record<string, string>
  /** The client's grants at `/oauth/token` (credentials, forwarded address, tokens read and verified). */
  grant: TokenGrant
}

function readAuthenticator(item: unknown): MfaAuthenticator[] {
  if (!isPlainObject(item)) return []
  const id = nonEmptyString(item.id)
  const authenticatorType = nonEmptyString(item.authenticator_type)
  if (id === undefined || authenticatorType === undefined) return []
  return [
    withoutUndefined({
      id,
      authenticatorType,
      active: item.active === true,
      type: nonEmptyString(item.type),
      oobChannel: nonEmptyString(item.oob_channel),
      name: nonEmptyString(item.name),
    }),
  ]
}

function readChallenge(answer: unknown): MfaChallenge {
  const body: Record<string, unknown> = isPlainObject(answer) ? answer : {}
  const challengeType = body.challenge_type
  if (challengeType !== 'otp' && challengeType !== 'oob') {
    throw sdkError('invalid_response', 'Unknown challenge type.')
  }
  const oobCode = nonEmptyString(body.oob_code)
  if (challengeType === 'oob' && oobCode === undefined)
    throw sdkError('invalid_response', 'No oob_code returned.')
  // Typed, so that the literal type survives the object (an inferred property widens to `string`).
  const challenge: MfaChallenge['challengeType'] = challengeType
  return withoutUndefined({
    challengeType: challenge,
    oobCode,
    bindingMethod: nonEmptyString(body.binding_method),
  })
}

/**
 * The MFA API of one server client: the factors a person enrolled, a challenge, and the three grants that
 * complete the login (`mfa-otp`, `mfa-oob`, `mfa-recovery-code`).
 */
export function createMfaApi({ transport, credentials, grant }: MfaDependencies): MfaApi {
  return {
    listAuthenticators: (mfaToken, options) =>
      run(async () => {
        const input = parseListAuthenticators(mfaToken, options)
        const answer = await transport.get('/mfa/authenticators', {
          headers: { authorization: `Bearer ${input.mfaToken}` },
          signal: input.signal,
        })
        if (!Array.isArray(answer)) throw sdkError('invalid_response', 'Invalid list of authenticators.')
        return answer.flatMap(readAuthenticator)
      }),

    challenge: (options) =>
      run(async () => {
        const input = parseChallenge(options)
        const answer = await transport.post(
          '/mfa/challenge',
          withoutUndefined({
            ...credentials,
            mfa_token: input.mfaToken,
            challenge_type: input.challengeType,
            authenticator_id: input.authenticatorId,
          }),
          { signal: input.signal },
        )
        return readChallenge(answer)
      }),

    verify: (options) =>
      run(async () => {
        const input = parseVerify(options)
        const factor =
          'otp' in input
            ? { grant_type: `${MFA_GRANT}otp`, otp: input.otp }
            : 'oobCode' in input
              ? { grant_type: `${MFA_GRANT}oob`, oob_code: input.oobCode, binding_code: input.bindingCode }
              : { grant_type: `${MFA_GRANT}recovery-code`, recovery_code: input.recoveryCode }
        // The scope was the first step's: an ID token may come, and its keys are fetched alongside. Not while a
        // push is polled (`oobCode` without a code typed): most of those answers are `authorization_pending`.
        const isPoll = 'oobCode' in input && input.bindingCode === undefined
        const body = { ...factor, mfa_token: input.mfaToken }
        return grant(body, input, { requireIdToken: false, prefetch: !isPoll }, throwMfaRefusal)
      }),
  }
}
