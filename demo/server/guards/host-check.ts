/**
 * Answers only the hosts the emulator serves: 127.0.0.1, localhost and [::1] with its port, and the host of
 * its issuer. A DNS rebinding attack points a name the attacker owns at 127.0.0.1, so that a page of theirs
 * becomes "same origin" with the emulator and can read the outbox, users and logs; the browser still sends
 * the attacker's name in `Host`, which is refused here with 421 (Misdirected Request) before any route runs.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http'
import { assert } from '../problem'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/** The `host[:port]` values accepted for an emulator whose issuer is `issuer`. */
export function servedHosts(issuer: string): Set<string> {
  const url = new URL(issuer)
  const port = url.port === '' ? '' : `:${url.port}`
  return new Set([url.host.toLowerCase(), ...LOOPBACK_NAMES.map((name) => `${name}${port}`)])
}

export function checkHost(issuer: string): MiddlewareHandler<AppEnv> {
  const served = servedHosts(issuer)
  const listed = [...served].join(', ')
  return async (c, next) => {
    // Under Node the Host header; in-process (tests) the request URL, which has no Host header.
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase()
    assert(
      served.has(host),
      421,
      'invalid_request',
      `Misdirected request: this emulator answers for ${listed}, not ${host}.`,
    )
    return next()
  }
}
