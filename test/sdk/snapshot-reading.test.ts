import { describe, expect, test } from 'vitest'
import { MAX_INPUT_DEPTH, snapshot } from '../../src/input/snapshot'
import { throwsWith } from './support/fixtures'

// The input snapshot (S1, S14) where no other test looked: Map keys that are not strings, objects that
// only pretend to be an AbortSignal, the depth of Maps, arrays and toJSON chains, and the path a refusal
// names inside a Map or an array.

const read = (value: unknown) => snapshot(value, 'options', 'invalid_options')

/** A collection made by `wrap` at each depth from 0 (the input itself) to `depth`, holding a string. */
function nestedTo(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'leaf'
  for (let level = 0; level <= depth; level++) value = wrap(value)
  return value
}

describe('Map keys that are not strings (S1)', () => {
  test('are read as their text: a number as its digits', () => {
    expect(read(new Map([[7, 'seven']]))).toEqual(new Map([['7', 'seven']]))
  })

  test('an object whose text spells client_secret is refused', () => {
    const key = { toString: () => 'client_secret' }
    throwsWith(() => read(new Map([[key, 'x']])), 'client_secret_in_browser', /"client_secret"/)
  })

  test('a key without any text (a null-prototype object) is read as [key], not refused', () => {
    expect(read(new Map([[Object.create(null) as object, 1]]))).toEqual(new Map([['[key]', 1]]))
  })
})

describe('only a real AbortSignal is kept as it is (S1)', () => {
  test('an AbortSignal is kept by reference', () => {
    const signal = new AbortController().signal
    expect((read({ signal }) as { signal: unknown }).signal).toBe(signal)
  })

  test.each(['x[object AbortSignal', 'AbortSignal] x'])(
    'an object tagged %j is read like any other: its secret is refused',
    (tag) => {
      const disguised = { [Symbol.toStringTag]: tag, client_secret: 'x' }
      throwsWith(() => read({ appState: disguised }), 'client_secret_in_browser')
    },
  )
})

describe(`depth, bounded at ${MAX_INPUT_DEPTH} levels whatever nests (S14)`, () => {
  test.each([
    ['Maps', (inner: unknown) => new Map([['next', inner]])],
    ['arrays', (inner: unknown) => [inner]],
    ['objects', (inner: unknown) => ({ next: inner })],
  ])('%s are read down to the bound and refused one level below it', (_what, wrap) => {
    expect(() => read(nestedTo(MAX_INPUT_DEPTH, wrap))).not.toThrow()
    throwsWith(() => read(nestedTo(MAX_INPUT_DEPTH + 1, wrap)), 'invalid_options', /is nested too deep$/)
  })

  test('a toJSON that answers another object with a toJSON, endlessly, is refused as too deep', () => {
    const endless = (): object => ({ toJSON: endless })
    throwsWith(() => read({ appState: endless() }), 'invalid_options', /is nested too deep$/)
  })
})

describe('the path a refusal names (S14)', () => {
  test.each([
    [
      'inside a Map, by its keys',
      () => {
        const map = new Map<string, unknown>()
        return { headers: map.set('self', map) }
      },
      'headers.self',
    ],
    [
      'inside an array, by its indexes',
      () => {
        const list: unknown[] = ['first']
        list.push(list)
        return { scopes: list }
      },
      'scopes.1',
    ],
  ])('%s', (_what, make, field) => {
    const error = throwsWith(() => read(make()), 'invalid_options', /is circular$/)
    expect(error.message).toBe(`"options.${field}" is circular`)
    expect(error.field).toBe(field)
  })

  test('under a key without any text, as [key]', () => {
    const map = new Map<unknown, unknown>()
    map.set(Object.create(null), map)
    throwsWith(() => read(map), 'invalid_options', /^"options\.\[key\]" is circular$/)
  })
})
