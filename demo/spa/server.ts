/**
 * The demo SPA's static server (`node --import tsx demo/spa/server.ts`): serves the page and the bundle built
 * into demo/spa/dist with a strict Content-Security-Policy (S13). Only node:http, no framework: it serves five
 * files. PORT (default 4401), EMULATOR_ORIGIN (default http://127.0.0.1:4400) and CODE_LOGIN can be changed.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { demoAppHeaders } from '../shared/app-headers'
import { escapeHtml } from '../shared/html'
import { stopOnSignal } from '../shared/stop-on-signal'

const HOST = '127.0.0.1'
const port = Number(process.env['PORT'] ?? 4401)
const emulatorOrigin = new URL(process.env['EMULATOR_ORIGIN'] ?? 'http://127.0.0.1:4400').origin
// `verify_redirect` where the page and the tenant are on different sites (another scheme or host), so that codes
// finish without the tenant's third-party cookie; empty for the SDK's default.
const codeLogin = process.env['CODE_LOGIN'] === 'verify_redirect' ? 'verify_redirect' : ''

/** The same emulator under its other loopback name, so the page works from localhost and 127.0.0.1 alike. */
function loopbackTwins(origin: string): string[] {
  const url = new URL(origin)
  const twin = new URL(origin)
  if (url.hostname === '127.0.0.1') twin.hostname = 'localhost'
  else if (url.hostname === 'localhost') twin.hostname = '127.0.0.1'
  return [...new Set([url.origin, twin.origin])]
}

/** The page calls the emulator under either loopback name. */
const headersFor = demoAppHeaders(loopbackTwins(emulatorOrigin))

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url))

interface Asset {
  path: string
  type: string
  /** HTML gets the emulator's origin filled in. */
  template?: boolean
}

const page: Asset = { path: file('./public/index.html'), type: 'text/html; charset=utf-8', template: true }
const ASSETS: Record<string, Asset> = {
  // `/` is the registered callback; `/callback` is registered too and serves the same page.
  '/': page,
  '/callback': page,
  '/app.js': { path: file('./dist/app.js'), type: 'text/javascript; charset=utf-8' },
  '/app.js.map': { path: file('./dist/app.js.map'), type: 'application/json; charset=utf-8' },
  // One stylesheet for the demo pages, shared with the confidential app.
  '/style.css': { path: file('../shared/style.css'), type: 'text/css; charset=utf-8' },
  '/favicon.svg': { path: file('./public/favicon.svg'), type: 'image/svg+xml' },
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  // The page's address can carry an authorization code: no cache keeps it (headersFor), and a page of another
  // origin that opens it, or that it opens, gets no handle on its window.
  response.writeHead(status, { ...headersFor(type), 'Cross-Origin-Opener-Policy': 'same-origin' })
  response.end(body)
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', `http://${HOST}`)
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD')
    return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n')
  }
  if (pathname === '/favicon.ico') return send(response, 204, 'text/plain', '')
  const asset = ASSETS[pathname]
  if (asset === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n')
  let contents: Buffer
  try {
    contents = await readFile(asset.path)
  } catch {
    return send(
      response,
      503,
      'text/plain; charset=utf-8',
      'The demo SPA is not built yet: run `npm run demo` (or `npx rollup -c demo/spa/rollup.config.mjs`).\n',
    )
  }
  const body = asset.template
    ? contents
        .toString('utf8')
        .replaceAll('%EMULATOR_ORIGIN%', escapeHtml(emulatorOrigin))
        .replaceAll('%CODE_LOGIN%', codeLogin)
    : contents
  send(response, 200, asset.type, request.method === 'HEAD' ? '' : body)
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(`[spa] ${request.method} ${request.url} failed:`, error)
    if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error\n')
  })
})
server.on('error', (error) => {
  console.error(`The SPA demo server could not listen on ${HOST}:${port}: ${error.message}`)
  process.exitCode = 1
})
server.listen(port, HOST, () => {
  console.log(`Demo SPA at http://${HOST}:${port}/ (tenant ${emulatorOrigin})`)
})

stopOnSignal(server)
