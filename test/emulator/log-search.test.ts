import { describe, expect, test } from 'vitest'
import { setup } from './helpers'
import type { Harness } from './helpers'

/** Where the entries written straight into the log say they came from. */
const FROM = { ip: '127.0.0.1', user_agent: '' }

/** A long run of one letter: the text on which a backtracking wildcard takes exponential time. */
const LONG_NAME = `${'a'.repeat(3000)}@example.com`

async function search(h: Harness, query: string): Promise<{ status: number; ms: number; body: unknown }> {
  const started = performance.now()
  const response = await h.get(`/__emulator/logs?q=${encodeURIComponent(query)}`)
  const body: unknown = await response.json()
  return { status: response.status, ms: performance.now() - started, body }
}

describe('E15: GET /__emulator/logs with hostile queries', () => {
  test('many wildcards over a long value answer at once (a backtracking match took 10 s here)', async () => {
    const h = setup()
    h.emulator.logs.write({ ...FROM, type: 'cs', description: 'Code sent', user_name: LONG_NAME })
    const answer = await search(h, 'user_name:*a*a*Z')
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ logs: [] })
    // Generous for a loaded 2-core machine; the linear match takes well under a millisecond.
    expect(answer.ms).toBeLessThan(1000)
  })

  test('wildcards still find what they should', async () => {
    const h = setup()
    h.emulator.logs.write({
      ...FROM,
      type: 'cs',
      description: 'Code sent',
      user_name: 'ana.maria@example.com',
    })
    for (const query of [
      'user_name:*a*a*a*',
      'user_name:ana*com',
      'user_name:*MARIA*',
      'maria',
      'user_name:*',
    ]) {
      expect((await search(h, query)).body, query).toMatchObject({ logs: [{ type: 'cs' }] })
    }
    for (const query of ['user_name:*a*a*a*Z', 'user_name:ana', 'user_name:*z*']) {
      expect((await search(h, query)).body, query).toMatchObject({ logs: [] })
    }
  })

  test('a query longer than 256 characters or with more than 10 terms is refused with bad.query', async () => {
    const h = setup()
    const long = await search(h, `description:*${'x'.repeat(300)}*`)
    expect(long.status).toBe(400)
    expect(long.body).toMatchObject({ error: 'bad.query' })
    const many = await search(h, Array.from({ length: 11 }, (_, index) => `type:t${index}`).join(' AND '))
    expect(many.status).toBe(400)
    expect(many.body).toMatchObject({ error: 'bad.query' })
  })

  test('log values are kept short (500 characters), so no search runs over a long one', async () => {
    const h = setup()
    h.emulator.logs.write({ ...FROM, type: 'cs', description: 'Code sent', user_name: LONG_NAME })
    const [entry] = h.emulator.logs.search()
    expect(entry?.user_name).toHaveLength(500)
    expect(entry?.user_name?.endsWith('…')).toBe(true)
  })

  test('only the newest 2,000 entries are kept', async () => {
    const h = setup()
    for (let index = 0; index < 2_010; index += 1) {
      h.emulator.logs.write({ ...FROM, type: 'cs', description: `entry ${index}` })
    }
    const entries = h.emulator.logs.search()
    expect(entries).toHaveLength(2_000)
    expect(entries[0]?.description).toBe('entry 2009')
    expect(entries.at(-1)?.description).toBe('entry 10')
  })
})
