import { exportJWK, generateKeyPair } from 'jose'
import { beforeAll, describe, expect, test } from 'vitest'
import { verifyIdToken, type IdTokenExpectations } from '../../src/token/id-token'
import { rejectsWith } from './support/fixtures'
import {
  claims,
  idTokenExpectations,
  keyCache,
  makeSigningKey,
  signIdToken,
  type SigningKey,
} from './support/tokens'

// ID token checks at their edges, where a planted bug went unnoticed: the instant `exp` passes (and `iat`
// arrives), an empty `sub`, and a JWKS holding keys of other types under the token's kid. verifyIdToken is
// called directly, with its clock given, so that each edge is one second wide and no wider.

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

const LEEWAY = 60
const ISSUED = 1_900_000_000
const EXP = ISSUED + 3600

function expecting(nowSeconds: number, overrides: Partial<IdTokenExpectations> = {}): IdTokenExpectations {
  // Milliseconds as the SDK's clock gives them: the last millisecond of that second, to show it is floored.
  return idTokenExpectations({ leeway: LEEWAY, now: nowSeconds * 1000 + 999, ...overrides })
}

async function verify(payload: Record<string, unknown>, nowSeconds: number, keys: unknown[] = [key.jwk]) {
  const token = await signIdToken(key, claims({ iat: ISSUED, exp: EXP, nonce: 'n-1', ...payload }))
  return verifyIdToken(token, expecting(nowSeconds), keyCache(keys))
}

describe('exp and iat at their edges (S9)', () => {
  test('a token is accepted up to the last second of exp + leeway', async () => {
    await expect(verify({}, EXP + LEEWAY)).resolves.toMatchObject({ sub: 'email|123' })
  })

  test('and refused the second after, naming exp', async () => {
    const error = await rejectsWith(verify({}, EXP + LEEWAY + 1), 'invalid_token', /expired/)
    expect(error.claim).toBe('exp')
  })

  test('with leeway 0, the second of exp itself is still valid and the next is not', async () => {
    const token = await signIdToken(key, claims({ iat: ISSUED, exp: EXP, nonce: 'n-1' }))
    const check = (now: number) => verifyIdToken(token, expecting(now, { leeway: 0 }), keyCache([key.jwk]))
    await expect(check(EXP)).resolves.toMatchObject({ exp: EXP })
    expect((await rejectsWith(check(EXP + 1), 'invalid_token')).claim).toBe('exp')
  })

  test('a token issued up to leeway seconds ahead of the clock is accepted, one second more is not', async () => {
    await expect(verify({ iat: ISSUED + LEEWAY }, ISSUED)).resolves.toMatchObject({ iat: ISSUED + LEEWAY })
    const error = await rejectsWith(verify({ iat: ISSUED + LEEWAY + 1 }, ISSUED), 'invalid_token', /future/)
    expect(error.claim).toBe('iat')
  })
})

describe('sub (S9)', () => {
  test.each([
    ['empty', ''],
    ['a number', 123],
    ['missing', undefined],
  ])('a sub that is %s is refused, naming sub', async (_what, sub) => {
    expect((await rejectsWith(verify({ sub }, ISSUED), 'invalid_token', /no sub/)).claim).toBe('sub')
  })
})

describe('keys of the JWKS that cannot verify RS256 (S9)', () => {
  let ecJwk: Record<string, unknown>
  beforeAll(async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true })
    ecJwk = { ...(await exportJWK(publicKey)), kid: key.kid, use: 'sig' }
  })

  test('an EC key under the same kid, listed after the RSA key, is skipped: the RSA key verifies', async () => {
    await expect(verify({}, ISSUED, [key.jwk, ecJwk])).resolves.toMatchObject({ sub: 'email|123' })
  })

  test.each([
    ['an EC key', () => ecJwk],
    ['a symmetric key', () => ({ kty: 'oct', k: 'c2VjcmV0', kid: key.kid })],
  ])('%s alone under the kid is no key at all: unknown signing key', async (_what, make) => {
    const error = await rejectsWith(verify({}, ISSUED, [make()]), 'invalid_token', /unknown signing key/)
    expect(error.claim).toBe('kid')
  })

  test('a key without a kid is skipped', async () => {
    await rejectsWith(verify({}, ISSUED, [without(key.jwk, 'kid')]), 'invalid_token', /unknown signing key/)
  })

  test('a key that says use: sig, or says nothing of its use, verifies', async () => {
    await expect(verify({}, ISSUED, [without(key.jwk, 'use')])).resolves.toMatchObject({ sub: 'email|123' })
    await expect(verify({}, ISSUED, [{ ...key.jwk, use: 'sig' }])).resolves.toMatchObject({
      sub: 'email|123',
    })
  })
})

function without(jwk: object, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(jwk).filter(([key]) => key !== name))
}
