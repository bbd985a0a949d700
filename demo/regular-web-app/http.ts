/**
 * The confidential app's HTTP plumbing: its static files, the headers of every answer (a strict CSP), and
 * reading forms. Only node:http.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'
import { demoAppHeaders } from '../shared/app-headers'

/** The tenant this app talks to; the browser-SDK section of its page calls it directly. */
export const emulatorOrigin = new URL(process.env['EMULATOR_ORIGIN'] ?? 'http://127.0.0.1:4400').origin

/** The headers of every answer; the browser-SDK section calls the tenant directly, to show what it refuses. */
export const baseHeaders = demoAppHeaders([emulatorOrigin])

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url))
export const STATIC: Record<string, { path: string; type: string }> = {
  // The demo pages' shared stylesheet, then this app's additions.
  '/static/style.css': { path: file('../shared/style.css'), type: 'text/css; charset=utf-8' },
  '/static/app.css': { path: file('./public/app.css'), type: 'text/css; charset=utf-8' },
  '/static/browser-demo.js': {
    path: file('./public/browser-demo.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/static/favicon.svg': { path: file('./public/favicon.svg'), type: 'image/svg+xml' },
  // The SDK's UMD build as users get it from the package; served here so that script-src stays 'self'.
  '/vendor/passwordless-webauth.umd.min.js': {
    path: file('../../dist/passwordless-webauth.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
}

export function sendHtml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, baseHeaders('text/html; charset=utf-8'))
  response.end(body)
}

export function redirect(response: ServerResponse, location: string): void {
  // 303: after a POST the browser follows with a GET, so reloading never posts a form twice.
  response.writeHead(303, { ...baseHeaders('text/plain; charset=utf-8'), Location: location })
  response.end()
}

export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > 16_384) throw new Error('form too large')
    chunks.push(chunk as Buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** The person's address as this server sees it, for `auth0-forwarded-for`. */
export function personAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address
}
