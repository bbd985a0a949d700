import { onTestFinished } from 'vitest'

/**
 * A request as the fake server saw it: the SDK calls `fetch(request, { body })` with ky's
 * `Request` and its body, which is what fetch sends.
 */
export interface SeenRequest {
  method: string
  url: URL
  path: string
  headers: Headers
  credentials: RequestCredentials
  /**
   * The parsed JSON body, or a form body's fields as an object, or the raw text when it is
   * neither, or undefined when empty.
   */
  body: unknown
  rawBody: string
  signal: AbortSignal
}

/** What the fake answers: a canned response, or a function computing one (it may never settle). */
export type Reply = Response | ((request: SeenRequest) => Response | Promise<Response>)

/** One request the test expects, in order. */
export interface Expectation {
  method: 'GET' | 'POST'
  path: string
  /** Assertions on the request (throw to fail); failures are reported at teardown too. */
  check?: (request: SeenRequest) => void
  reply: Reply
}

export interface FakeServer {
  /** Pass as the `fetch` option of `new WebAuth`. */
  fetch: typeof fetch
  /** Every request received, expected or not. */
  readonly requests: SeenRequest[]
  /** Adds more expected requests after the current ones. */
  expect(...more: Expectation[]): void
  /** Throws when a request was unexpected, failed its check, or an expected one never came. */
  verify(): void
}

/** A server that expects one `POST /passwordless/start` and answers `reply`; `check` looks at the request. */
export function startServer(
  reply: Reply = json(200, {}),
  check?: (request: SeenRequest) => void,
): FakeServer {
  return fakeServer({
    method: 'POST',
    path: '/passwordless/start',
    reply,
    ...(check === undefined ? {} : { check }),
  })
}

/** The `authParams` a start sent (the request's JSON body). */
export function sentAuthParams(request: SeenRequest | { body: unknown } | undefined): Record<string, string> {
  return (request?.body as { authParams: Record<string, string> }).authParams
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** A non-JSON response (HTML, empty, broken JSON). */
export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body === '' ? null : body, {
    status,
    headers: { 'content-type': 'text/html', ...headers },
  })
}

/** A reply that never comes, except that it honours the request's abort signal, as real fetch does. */
export function never(): Reply {
  return (request) =>
    new Promise<Response>((_resolve, reject) => {
      const abort = () => reject(request.signal.reason ?? new DOMException('aborted', 'AbortError'))
      if (request.signal.aborted) abort()
      else request.signal.addEventListener('abort', abort, { once: true })
    })
}

/** A transport failure, as fetch reports offline, DNS and CORS failures. */
export function offline(): Reply {
  return () => Promise.reject(new TypeError('Failed to fetch'))
}

/** The request fetch would send: `init` (the body, here) applied over `input`, as fetch does. */
function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  return input instanceof Request && init === undefined ? input : new Request(input, init)
}

async function capture(request: Request): Promise<SeenRequest> {
  const rawBody = request.body === null ? '' : await request.clone().text()
  let body: unknown = undefined
  if (request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) {
    body = Object.fromEntries(new URLSearchParams(rawBody))
  } else if (rawBody !== '') {
    try {
      body = JSON.parse(rawBody)
    } catch {
      body = rawBody
    }
  }
  const url = new URL(request.url)
  return {
    method: request.method,
    url,
    path: url.pathname,
    headers: request.headers,
    credentials: request.credentials,
    body,
    rawBody,
    signal: request.signal,
  }
}

/**
 * A fake Authentication API behind an injected `fetch`: it answers the expected requests in
 * order, fails on any other, and checks when the test ends that each expected one came.
 */
export function fakeServer(...expected: Expectation[]): FakeServer {
  const server = createFakeServer(...expected)
  onTestFinished(() => server.verify())
  return server
}

/** {@link fakeServer} without the automatic check at teardown (call `verify()` yourself). */
export function createFakeServer(...expected: Expectation[]): FakeServer {
  const queue = [...expected]
  const requests: SeenRequest[] = []
  const problems: unknown[] = []
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // Matched before the body is read, so that requests sent together (the code exchange and the
    // JWKS) meet the expectations in the order they were sent, whatever their bodies' sizes.
    const sent = toRequest(input, init)
    // A request already cancelled never reaches the server: it answers no expectation.
    const next = sent.signal.aborted ? undefined : queue.shift()
    const request = await capture(sent)
    requests.push(request)
    if (request.signal.aborted) throw request.signal.reason ?? new DOMException('aborted', 'AbortError')
    if (!next || next.method !== request.method || next.path !== request.path) {
      const error = new Error(
        `Unexpected request ${request.method} ${request.path}` +
          (next ? ` (expected ${next.method} ${next.path})` : ' (no more requests expected)'),
      )
      problems.push(error)
      throw error
    }
    try {
      next.check?.(request)
    } catch (error) {
      problems.push(error)
      throw error
    }
    return typeof next.reply === 'function' ? next.reply(request) : next.reply.clone()
  }
  const server: FakeServer = {
    fetch: fakeFetch as typeof fetch,
    requests,
    expect: (...more) => void queue.push(...more),
    verify() {
      if (problems.length > 0) throw problems[0]
      if (queue.length > 0) {
        throw new Error(
          `Expected requests never made: ${queue.map((e) => `${e.method} ${e.path}`).join(', ')}`,
        )
      }
    },
  }
  return server
}

/** A fetch that fails the test on any call: for paths that must make no request at all. */
export function noRequests(): FakeServer {
  return fakeServer()
}
