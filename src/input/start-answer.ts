import type { PasswordlessStartResult } from '../api/types'
import { sdkError } from '../core/errors'
import { isPlainObject, stringOrUndefined, withoutUndefined } from '../lib/json'

/**
 * Reads what `POST /passwordless/start` answered, for the browser's start and the server entry's: the
 * person's address or number and the id, as strings or not at all, beside what was asked for.
 *
 * @throws WebAuthError `invalid_response` for an answer that is not an object
 */
export function readStartAnswer(
  answer: unknown,
  asked: Pick<PasswordlessStartResult, 'connection' | 'send'>,
): PasswordlessStartResult {
  if (!isPlainObject(answer)) throw sdkError('invalid_response', 'Invalid response.')
  return withoutUndefined({
    connection: asked.connection,
    send: asked.send,
    email: stringOrUndefined(answer.email),
    phoneNumber: stringOrUndefined(answer.phone_number),
    id: stringOrUndefined(answer._id),
  })
}
