/**
 * S16, as properties: the server entry's IP address rule (which runs without `node:net`, in any runtime) takes
 * every address fast-check makes, and never takes anything Node's own parser would not.
 */
import { isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isIpAddress } from '../../src/server/ip-address'

describe('isIpAddress() (S16)', () => {
  test('takes every IPv4 and IPv6 address', () => {
    fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => isIpAddress(address)))
  })

  test('takes nothing that Node does not take as an address', () => {
    const nearMisses = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9a-fA-F:.]{1,45}$/),
      fc.tuple(fc.ipV4(), fc.string({ minLength: 1, maxLength: 4 })).map(([ip, tail]) => ip + tail),
      fc.tuple(fc.ipV6(), fc.string({ minLength: 1, maxLength: 4 })).map(([ip, tail]) => ip + tail),
    )
    fc.assert(
      fc.property(nearMisses, (value) => {
        if (isIpAddress(value)) expect(isIP(value), value).not.toBe(0)
      }),
      { numRuns: 2_000 },
    )
  })
})
