import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseCliOptions } from '../../demo/server/cli-options'
import { demoAppHeaders } from '../../demo/shared/app-headers'
import { contentSecurityPolicy } from '../../demo/shared/csp'
import { escapeHtml, html } from '../../demo/shared/html'
import { LogQueryError, globMatch, matchesQuery, parseLogQuery } from '../../demo/server/log-query'
import { loadTenant } from '../../demo/server/tenant'

describe('parseLogQuery()', () => {
  const entry = {
    type: 'depnote',
    description: 'Enforce client authentication for passwordless connections: ...',
    client_id: 'regular-web-demo',
  }
  test('understands field:value, wildcards, quotes and AND', () => {
    expect(matchesQuery(entry, parseLogQuery('type:depnote AND description:*passwordless*'))).toBe(true)
    expect(matchesQuery(entry, parseLogQuery('type:depnote description:*PASSWORDLESS*'))).toBe(true)
    expect(matchesQuery(entry, parseLogQuery('description:"Enforce client*"'))).toBe(true)
    expect(matchesQuery(entry, parseLogQuery('type:dep'))).toBe(false)
    expect(matchesQuery(entry, parseLogQuery('type:dep*'))).toBe(true)
    expect(matchesQuery(entry, parseLogQuery('regular-web'))).toBe(true)
    expect(matchesQuery(entry, parseLogQuery('user_name:*'))).toBe(false)
    expect(matchesQuery(entry, parseLogQuery('type:(depnote)'))).toBe(false)
  })
  test('refuses OR, NOT, unbalanced quotes and empty parts', () => {
    for (const query of ['type:a OR type:b', 'NOT type:a', 'description:"open', ':x', 'type:']) {
      expect(() => parseLogQuery(query)).toThrow(LogQueryError)
    }
  })
})

describe('parseCliOptions()', () => {
  test('defaults come from tenant.json, flags win over the environment', () => {
    expect(parseCliOptions([], {})).toEqual({ port: 4400, settings: {}, quiet: false, https: false })
    const options = parseCliOptions(
      ['--no-enforce-client-auth', '--code-lifetime', '30', '--mfa-users', 'a@example.com, +15555550100'],
      {
        PORT: '4499',
        ENFORCE_CLIENT_AUTH: 'true',
        MAX_ATTEMPTS: '5',
        RATE_LIMIT: '10',
        SIGNUPS_ALLOWED: 'false',
      },
    )
    expect(options).toEqual({
      port: 4499,
      quiet: false,
      https: false,
      settings: {
        enforceClientAuthForPasswordless: false,
        codeLifetimeSeconds: 30,
        maxAttempts: 5,
        startRateLimitBucketSize: 10,
        signupsAllowed: false,
        usersRequiringMfa: ['a@example.com', '+15555550100'],
      },
    })
    expect(
      parseCliOptions([], { ENFORCE_CLIENT_AUTH: 'false' }).settings.enforceClientAuthForPasswordless,
    ).toBe(false)
  })
  test('HTTPS: made at start with --https or HTTPS=true, or from --cert and --key, which go together', () => {
    expect(parseCliOptions(['--https'], {}).https).toBe('generate')
    expect(parseCliOptions([], { HTTPS: 'true' }).https).toBe('generate')
    expect(parseCliOptions(['--no-https'], { HTTPS: 'true' }).https).toBe(false)
    expect(parseCliOptions(['--cert', 'c.pem', '--key', 'k.pem'], {}).https).toEqual({
      certFile: 'c.pem',
      keyFile: 'k.pem',
    })
    expect(parseCliOptions([], { HTTPS_CERT_FILE: 'c.pem', HTTPS_KEY_FILE: 'k.pem' }).https).toEqual({
      certFile: 'c.pem',
      keyFile: 'k.pem',
    })
    expect(() => parseCliOptions(['--cert', 'c.pem'], {})).toThrow(/--key/)
    expect(() => parseCliOptions(['--cert', 'c.pem', '--key', 'k.pem'], { HTTPS: 'false' })).toThrow(
      /HTTPS is set to false/,
    )
  })
  test('port 0 asks for any free port; the login page and the authenticated limit are settings', () => {
    expect(parseCliOptions(['--port', '0'], {}).port).toBe(0)
    expect(() => parseCliOptions(['--port', '65536'], {})).toThrow(/between 0 and 65535/)
    const options = parseCliOptions(
      ['--login-page', 'template-auth0-js', '--authenticated-rate-limit', '5'],
      { AUTHENTICATED_RATE_LIMIT_REFILL_PER_HOUR: '60' },
    )
    expect(options.settings).toEqual({
      hostedLoginPage: 'template-auth0-js',
      authenticatedRateLimitBucketSize: 5,
      authenticatedRateLimitRefillPerHour: 60,
    })
    expect(() => parseCliOptions([], { LOGIN_PAGE: 'lock' })).toThrow(/LOGIN_PAGE must be one of/)
  })
  test('names the flag or variable that is wrong', () => {
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow(/--port/)
    expect(() => parseCliOptions([], { ENFORCE_CLIENT_AUTH: 'maybe' })).toThrow(/ENFORCE_CLIENT_AUTH/)
    expect(() => parseCliOptions(['--unknown'], {})).toThrow()
  })
})

describe('tenant.json', () => {
  test('holds the three demo clients and the documented defaults', () => {
    const tenant = loadTenant()
    expect(tenant.clients.map((client) => [client.clientId, client.appType])).toEqual([
      ['spa-demo', 'spa'],
      ['regular-web-demo', 'regular_web'],
      ['native-demo', 'native'],
    ])
    expect(tenant.settings).toMatchObject({
      enforceClientAuthForPasswordless: true,
      codeLength: 6,
      codeLifetimeSeconds: 180,
      maxAttempts: 3,
      startRateLimitBucketSize: 50,
      startRateLimitRefillPerHour: 50,
      signupsAllowed: true,
    })
  })
  test('refuses a confidential client without a secret and bad overrides', () => {
    expect(() => loadTenant({ settings: { codeLength: 2 } })).toThrow(/codeLength/)
    expect(() =>
      loadTenant({
        clients: [
          {
            clientId: 'x',
            name: 'x',
            appType: 'regular_web',
            callbacks: [],
            webOrigins: [],
            grantTypes: [],
            connections: [],
          },
        ],
      }),
    ).toThrow(/without a clientSecret/)
  })
})

describe('html``', () => {
  test('escapes every interpolation unless it is already safe', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(html`<p>${'<b>'}${html`<i>ok</i>`}</p>`.html).toBe('<p>&lt;b&gt;<i>ok</i></p>')
  })

  test('renders arrays part by part, and nothing for undefined, null and false', () => {
    const items = ['<1>', html`<b>2</b>`, 3]
    const list = items.map((item) => html`<li>${item}</li>`)
    expect(html`${list}`.html).toBe('<li>&lt;1&gt;</li><li><b>2</b></li><li>3</li>')
    expect(html`[${undefined}${null}${false}${true}${0}]`.html).toBe('[true0]')
  })
})

describe('contentSecurityPolicy() and demoAppHeaders()', () => {
  test('a policy lists its directives in the order given, each with its sources', () => {
    expect(
      contentSecurityPolicy({
        'default-src': ["'none'"],
        'connect-src': ['http://127.0.0.1:4400', 'http://localhost:4400'],
        'form-action': ["'self'"],
      }),
    ).toBe("default-src 'none'; connect-src http://127.0.0.1:4400 http://localhost:4400; form-action 'self'")
  })

  test('the demo apps let their pages call only the tenant, and keep nothing in caches (S13)', () => {
    const headers = demoAppHeaders(['http://127.0.0.1:4400'])('text/html; charset=utf-8')
    expect(headers).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src http://127.0.0.1:4400; " +
        "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    })
  })
})

describe('globMatch()', () => {
  /** The old meaning of a pattern, as a regular expression: safe here because the inputs are tiny. */
  const reference = (pattern: string, text: string): boolean =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      's',
    ).test(text)

  test('agrees with the regular expression it replaces on every small pattern and text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '*', '.'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '.'), maxLength: 12 }),
        (pattern, text) => globMatch(pattern, text) === reference(pattern, text),
      ),
      { numRuns: 2000 },
    )
  })

  test('takes linear time where a backtracking match takes exponential time', () => {
    const text = 'a'.repeat(100_000)
    const started = performance.now()
    expect(globMatch(`${'*a'.repeat(200)}*Z`, text)).toBe(false)
    expect(globMatch(`*${'a'.repeat(200)}Z*`, text)).toBe(false)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
