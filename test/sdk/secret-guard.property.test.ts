import fc from 'fast-check'
import { describe, expect, test, vi } from 'vitest'
import {
  WebAuth,
  type PasswordlessLoginOptions,
  type PasswordlessStartOptions,
  type WebAuthOptions,
} from '../../src/index'
import { snapshot } from '../../src/input/snapshot'
import { json } from './support/fake-fetch'
import { CLIENT_ID, DOMAIN, emailCodeStart as emailCode, emailLogin as login } from './support/fixtures'

const SECRET = 'super-secret-value'
const base = { domain: DOMAIN, clientID: CLIENT_ID }

// Independent of the SDK: what the rule says a confidential key is.
const isConfidentialKey = (key: string) =>
  ['clientsecret', 'clientassertion', 'clientassertiontype'].includes(
    key.toLowerCase().replace(/[^a-z0-9]/g, ''),
  )

describe('the secret guard (S1)', () => {
  describe('properties', () => {
    const bases = [
      ['client', 'secret'],
      ['client', 'assertion'],
      ['client', 'assertion', 'type'],
    ]
    const casing = fc.constantFrom<(word: string) => string>(
      (word) => word,
      (word) => word.toUpperCase(),
      (word) => word[0]!.toUpperCase() + word.slice(1),
    )
    const secretKey = fc
      .tuple(
        fc.constantFrom(...bases),
        fc.constantFrom('_', '-', '', ' ', '.'),
        fc.array(casing, { minLength: 3, maxLength: 3 }),
      )
      .map(([words, separator, cases]) => words.map((word, index) => cases[index]!(word)).join(separator))
    const safeKey = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((key) => !isConfidentialKey(key) && key !== '__proto__')
    const filler = fc.dictionary(safeKey, fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 3 })
    // A path from the outside in: an array index or an object key at each level.
    const path = fc.array(fc.oneof(fc.constant<null>(null), safeKey), { maxLength: 5 })

    const hide = (key: string, levels: Array<string | null>, fillers: Array<Record<string, unknown>>) => {
      let node: unknown = Object.fromEntries([[key, SECRET]])
      for (const [index, level] of [...levels].reverse().entries()) {
        const extra = fillers[index % Math.max(fillers.length, 1)] ?? {}
        node = level === null ? [extra, node] : Object.fromEntries([...Object.entries(extra), [level, node]])
      }
      return node as Record<string, unknown>
    }

    // Where the hidden object goes: each place the SDK reads.
    const places = [
      'constructor',
      'internalOptions',
      'headers',
      'start options',
      'start authParams',
      'login options',
      'login authParams',
    ] as const

    test('a secret key at any depth and in any spelling is refused and nothing is ever sent', async () => {
      await fc.assert(
        fc.asyncProperty(
          secretKey,
          path,
          fc.array(filler, { maxLength: 3 }),
          fc.constantFrom(...places),
          async (key, levels, fillers, place) => {
            const fetch = vi.fn<typeof globalThis.fetch>(async () => json(200, { login_ticket: 't' }))
            const hidden = hide(key, levels, fillers)
            const construct = (extra: Record<string, unknown>) =>
              new WebAuth({
                ...base,
                fetch,
                navigate: () => undefined,
                hostedPage: true,
                ...extra,
              } as WebAuthOptions)
            let code: string | undefined
            try {
              if (place === 'constructor') construct(hidden)
              else if (place === 'internalOptions') construct({ internalOptions: hidden })
              else if (place === 'headers') construct({ headers: hidden })
              else if (place === 'start options') {
                await construct({}).passwordlessStart({ ...emailCode, ...hidden } as PasswordlessStartOptions)
              } else if (place === 'start authParams') {
                await construct({}).passwordlessStart({
                  ...emailCode,
                  authParams: hidden,
                } as PasswordlessStartOptions)
              } else if (place === 'login options') {
                await construct({}).passwordlessLogin({ ...login, ...hidden } as PasswordlessLoginOptions)
              } else {
                await construct({}).passwordlessLogin({
                  ...login,
                  authParams: hidden,
                } as PasswordlessLoginOptions)
              }
            } catch (error) {
              code = (error as { code?: string }).code
            }
            expect(code).toBe('client_secret_in_browser')
            expect(fetch).not.toHaveBeenCalled()
          },
        ),
        { numRuns: 300 },
      )
    })

    const noSecretKey = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(noSecretKey)
      if (typeof value !== 'object' || value === null) return true
      return Object.entries(value).every(([key, child]) => !isConfidentialKey(key) && noSecretKey(child))
    }

    test('values without a secret key are not refused by the guard', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          fc.pre(noSecretKey(value))
          expect(() => snapshot(value, 'options', 'invalid_input')).not.toThrow()
        }),
        { numRuns: 300 },
      )
    })

    test('internalOptions without a secret key are not refused with client_secret_in_browser', () => {
      fc.assert(
        fc.property(
          fc.dictionary(safeKey, fc.oneof(fc.string(), fc.integer(), fc.boolean())),
          (internalOptions) => {
            let code: string | undefined
            try {
              new WebAuth({ ...base, internalOptions })
            } catch (error) {
              code = (error as { code?: string }).code
            }
            expect(code).not.toBe('client_secret_in_browser')
          },
        ),
        { numRuns: 200 },
      )
    })
  })
})
