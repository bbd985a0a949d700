import { describe, expect, test } from 'vitest'
import { readCallbackParams, removeCallbackParams } from '../../src/input/callback-params'
import { REDIRECT_URI, throwsWith } from './support/fixtures'

// The parameters of a redirect back, read and then cleaned from the address (S8): each refusal says what
// was wrong, and what the app itself put in the address stays as it was.

describe('readCallbackParams() says why it refuses a redirect (S8)', () => {
  test.each([
    ['two states', `${REDIRECT_URI}?state=a#state=b`, /^Two states in the redirect\.$/],
    ['a code given twice', `${REDIRECT_URI}?code=a&code=b&state=s`, /^"code" repeated in the redirect\.$/],
    [
      'an error given twice',
      `${REDIRECT_URI}#error=a&error=b&state=s`,
      /^"error" repeated in the redirect\.$/,
    ],
    ['no state', `${REDIRECT_URI}?code=a`, /^No state in the redirect\.$/],
  ])('%s', (_what, url, message) => {
    throwsWith(() => readCallbackParams(url), 'state_mismatch', message)
  })
})

describe('removeCallbackParams() keeps what belongs to the app (S8)', () => {
  test.each([
    ['its hash route, after a redirect answered in the query', '?code=c&state=s#/account', '#/account'],
    ['its own query and hash route', '?tab=2&code=c&state=s#/account', '?tab=2#/account'],
    ['its own query, after a redirect answered in the fragment', '?tab=2#code=c&state=s', '?tab=2'],
  ])('%s', (_what, tail, kept) => {
    expect(removeCallbackParams(REDIRECT_URI + tail)).toBe(REDIRECT_URI + kept)
  })

  test('an empty fragment left at the end is dropped with the parameters', () => {
    expect(removeCallbackParams(`${REDIRECT_URI}?code=c&state=s#`)).toBe(REDIRECT_URI)
  })
})
