import { beforeAll, describe, expect, test } from 'vitest'
import { verifyIdToken } from '../../src/token/id-token'
import { rejectsWith } from './support/fixtures'
import {
  claims,
  idTokenExpectations,
  keyCache,
  makeSigningKey,
  signIdToken,
  type SigningKey,
} from './support/tokens'

// An ID token that cannot be read, and a JWKS that cannot be used (S9): each refusal says which part was
// wrong, and the keys the SDK imports can do nothing but verify.

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

const expected = idTokenExpectations
const part = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const header = part({ alg: 'RS256', kid: 'key-1' })
const payload = part(claims({ nonce: 'n-1' }))

describe('a token that cannot be read says which part (S9)', () => {
  test.each([
    ['two parts', `${header}.${payload}`, /^Invalid ID token: not a signed JWT\.$/],
    [
      'a header that is not JSON',
      `${part('{alg')}.${payload}.sig`,
      /^Invalid ID token: header is not JSON\.$/,
    ],
    [
      'a payload that is not JSON',
      `${header}.${part('sub')}.sig`,
      /^Invalid ID token: payload is not JSON\.$/,
    ],
    [
      'a header that is a JSON array',
      `${part([])}.${payload}.sig`,
      /^Invalid ID token: header is not an object\.$/,
    ],
    [
      'a payload that is a JSON string',
      `${header}.${part('"sub"')}.sig`,
      /^Invalid ID token: payload is not an object\.$/,
    ],
  ])('%s', async (_what, token, message) => {
    const error = await rejectsWith(
      verifyIdToken(token, expected(), keyCache([key.jwk])),
      'invalid_token',
      message,
    )
    expect(error.claim).toBeUndefined()
  })

  test('a header without kid: no kid, before any key is fetched', async () => {
    const token = `${part({ alg: 'RS256' })}.${payload}.sig`
    const error = await rejectsWith(
      verifyIdToken(token, expected(), keyCache(null)),
      'invalid_token',
      /: no kid\.$/,
    )
    expect(error.claim).toBe('kid')
  })

  test('a signature that is not base64url: bad signature, with the decoder’s error as cause', async () => {
    const error = await rejectsWith(
      verifyIdToken(`${header}.${payload}.***`, expected(), keyCache([key.jwk])),
      'invalid_token',
      /^Invalid ID token: bad signature\.$/,
    )
    expect(error.claim).toBe('signature')
    expect(error.cause).toBeInstanceOf(DOMException)
  })
})

describe('nonce (S9)', () => {
  test('a wrong nonce is nonce_mismatch, naming the claim', async () => {
    const token = await signIdToken(key, claims({ nonce: 'someone-else' }))
    const error = await rejectsWith(
      verifyIdToken(token, expected(), keyCache([key.jwk])),
      'nonce_mismatch',
      /^Invalid ID token: wrong nonce\.$/,
    )
    expect(error.claim).toBe('nonce')
  })

  test('a login that sent no nonce does not compare the token’s', async () => {
    const token = await signIdToken(key, claims({ nonce: 'any' }))
    await expect(
      verifyIdToken(token, expected({ nonce: undefined }), keyCache([key.jwk])),
    ).resolves.toMatchObject({
      nonce: 'any',
    })
  })
})

describe('the JWKS (S9)', () => {
  const signed = () => signIdToken(key, claims({ nonce: 'n-1' }))

  test.each([
    ['null', null],
    ['an object without keys', {}],
    ['keys that are not a list', { keys: { 'key-1': 'x' } }],
  ])('an answer that is %s: invalid_response, no signing keys', async (_what, body) => {
    await rejectsWith(
      verifyIdToken(await signed(), expected(), keyCache(body as { keys?: unknown } | null)),
      'invalid_response',
      /^No signing keys\.$/,
    )
  })

  test('null entries in its list are skipped', async () => {
    await expect(verifyIdToken(await signed(), expected(), keyCache([null, key.jwk]))).resolves.toMatchObject(
      {
        sub: 'email|123',
      },
    )
  })

  test('an RSA key without its modulus: invalid_token naming kid, with the import’s error as cause', async () => {
    const broken = { kty: 'RSA', kid: 'key-1', e: 'AQAB' } // no modulus
    const error = await rejectsWith(
      verifyIdToken(await signed(), expected(), keyCache([broken])),
      'invalid_token',
      /^Unusable signing key\.$/,
    )
    expect(error.claim).toBe('kid')
    expect(error.cause).toBeInstanceOf(Error)
  })

  test('a key is imported for RS256 verification only, and cannot be exported', async () => {
    const imported = await keyCache([key.jwk]).getKey('key-1')
    expect(imported).toMatchObject({
      type: 'public',
      extractable: false,
      usages: ['verify'],
      algorithm: { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } },
    })
  })
})
