/**
 * Comparison of secrets (one-time codes, client secrets, PKCE challenges, CSRF tokens, cookies) whose time does
 * not tell an attacker how much of a guess was right.
 */
import { timingSafeEqual } from 'node:crypto'

/**
 * Whether two strings are equal, compared in constant time. `timingSafeEqual` needs equal lengths, so a
 * guess of another length is compared against the expected value itself: the time spent depends neither on
 * where the first difference is nor on how long the guess is.
 */
export function constantTimeEqual(expected: string, given: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8')
  const givenBytes = Buffer.from(given, 'utf8')
  const sameLength = expectedBytes.length === givenBytes.length
  const equal = timingSafeEqual(expectedBytes, sameLength ? givenBytes : expectedBytes)
  return sameLength && equal
}
