/**
 * The confidential demo app's plain words: each refusal the server entry can hand it, read from the error's
 * fields (code, reason, field, retryAfter), becomes a sentence that says what to do next.
 */
import { describe, expect, test } from 'vitest'
import { describeError } from '../../demo/regular-web-app/messages'
import { inputError, sdkError, serverError } from '../../src/core/errors'

describe('describeError()', () => {
  test.each([
    [serverError('invalid_grant', 'Wrong email or verification code.', 403), 'That code is not right.'],
    [serverError('invalid_grant', 'Invalid otp_code.', 403), 'The sign-in service refused'],
    [
      Object.assign(serverError('invalid_grant', 'x', 403), { reason: 'wrong_code' }),
      'That code is not right.',
    ],
    [serverError('invalid_grant', 'The verification code has expired', 403), 'This code has expired.'],
    [
      sdkError('too_many_requests', 'Too many requests', { statusCode: 429, retryAfter: 600 }),
      'wait 10 minute(s)',
    ],
    [
      serverError('expired_token', 'mfa_token is expired', 403),
      'This sign-in took too long. Please start again.',
    ],
    [serverError('invalid_token', 'Malformed mfa_token', 401), 'This sign-in took too long.'],
    [inputError('invalid_input', 'otp', 'must be 4 to 10 digits'), 'authenticator app is 6 digits'],
    [
      inputError('invalid_input', 'bindingCode', 'must be 4 to 10 digits'),
      'The code we texted you is 6 digits',
    ],
    [inputError('invalid_input', 'recoveryCode', 'must be a recovery code'), 'letters and digits only'],
    [inputError('invalid_input', 'email', 'must be a valid email address'), 'valid email address'],
    [serverError('bad.phone_number', 'Invalid phone number', 400), 'international format'],
    [sdkError('network_error', 'offline'), 'cannot be reached'],
    [new Error('not ours'), 'Something went wrong.'],
  ])('%s', (error, words) => {
    expect(describeError(error)).toContain(words)
  })
})
