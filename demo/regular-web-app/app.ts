/**
 * The confidential app as a request handler, separate from the server that listens (server.ts), so that
 * tests can serve it on a free port with a tenant of their choice: static files, the pages, and the sign-in
 * actions of sign-in.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { baseHeaders, redirect, sendHtml, STATIC } from './http'
import { randomToken, sessionFor } from './sessions'
import { callbackUrl, handleCallback, handlePost, pageContext } from './sign-in'
import type { RegularWebAppOptions } from './sign-in'
import { secondStepPage } from './mfa-views'
import { errorPage, homePage, profilePage, verifyPage } from './views'

export type { RegularWebAppOptions } from './sign-in'

/** The app's request handler. */
export function createRegularWebApp(
  app: RegularWebAppOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const asset = STATIC[url.pathname]
    if (asset !== undefined && request.method === 'GET') {
      try {
        const contents = await readFile(asset.path)
        response.writeHead(200, baseHeaders(asset.type))
        return void response.end(contents)
      } catch {
        response.writeHead(404, baseHeaders('text/plain; charset=utf-8'))
        return void response.end('Not built yet: run `npm run build` in the repository.\n')
      }
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204, baseHeaders('text/plain'))
      return void response.end()
    }
    const session = sessionFor(request, response)
    if (request.method === 'POST') return handlePost(app, request, response, session, url.pathname)
    if (request.method !== 'GET') {
      response.writeHead(405, { ...baseHeaders('text/plain; charset=utf-8'), Allow: 'GET, POST' })
      return void response.end('Method not allowed\n')
    }
    switch (url.pathname) {
      case '/':
        return sendHtml(
          response,
          200,
          session.profile
            ? profilePage(pageContext(session), session.profile)
            : homePage(pageContext(session)),
        )
      case '/verify':
        return session.pending === undefined
          ? redirect(response, '/')
          : sendHtml(response, 200, verifyPage(pageContext(session)))
      case '/mfa':
        return session.mfa === undefined
          ? redirect(response, '/')
          : sendHtml(response, 200, secondStepPage(pageContext(session), session.mfa))
      case '/login/hosted': {
        const authorize = { state: randomToken(), nonce: randomToken() }
        session.authorize = authorize
        return redirect(
          response,
          app.tenant.authorizeUrl(callbackUrl(request, app.port), authorize.state, authorize.nonce),
        )
      }
      case '/callback':
        return handleCallback(app, request, response, session, url.searchParams)
    }
    return sendHtml(response, 404, errorPage(pageContext(session), 'Not found', 'There is no such page.'))
  }
}
