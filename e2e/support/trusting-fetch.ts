/**
 * A `fetch` for the test process that trusts one more certificate: the HTTPS emulator's, as printed at its
 * start. Node's own fetch takes extra CAs only from NODE_EXTRA_CA_CERTS, read when the process starts (long
 * before the certificate exists), and its undici Agent cannot be imported without a dependency; node:https
 * takes a `ca` per request. Enough for the JSON control routes and the token endpoint: no redirects, no
 * streaming.
 */
import { request } from 'node:https'

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

/** A fetch whose TLS verification trusts `certificate` (PEM) in addition to nothing else. */
export function fetchTrusting(certificate: string): Fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        new URL(input),
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          ca: certificate,
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', reject)
          incoming.on('end', () => {
            const status = incoming.statusCode ?? 500
            const headers = new Headers()
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const each of Array.isArray(value) ? value : [value ?? '']) headers.append(name, each)
            }
            const body = [101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks)
            resolve(new Response(body, { status, headers }))
          })
        },
      )
      outgoing.on('error', reject)
      if (init.body !== undefined && init.body !== null) outgoing.write(String(init.body))
      outgoing.end()
    })
}
