/* global document, atob, TextDecoder */
/**
 * The page's `@@config@@`: base64 of UTF-8 JSON in `<meta name="auth0-config">`, a non-executing element, so
 * the page runs under `script-src 'self'`. Also what the page shows from it, so a person knows where they
 * sign in.
 */

/** The decoded config, or `undefined` when the template was not filled in (the file opened directly). */
export function readConfig() {
  const encoded = document.querySelector('meta[name="auth0-config"]')?.getAttribute('content') ?? ''
  if (encoded === '' || encoded === '@@config@@') return undefined
  // Decoded byte-wise: atob alone would garble names and addresses outside ASCII.
  const bytes = Uint8Array.from(atob(encoded.trim()), (char) => char.charCodeAt(0))
  return JSON.parse(new TextDecoder().decode(bytes))
}

function text(value) {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function objectOf(value) {
  return value !== null && typeof value === 'object' ? value : {}
}

/**
 * What the page shows about the login: the name of what the person signs in to (`dict.signin.title`, as
 * Auth0's own templates use it, else the client id), the client, the tenant and its address; a `login_hint`
 * to fill in; the tenant's primary colour.
 */
export function describeLogin(config) {
  const dict = objectOf(objectOf(config.dict).signin)
  const extra = { ...objectOf(config.internalOptions), ...objectOf(config.extraParams) }
  const clientId = text(config.clientID) ?? 'unknown application'
  const name = text(dict.title) ?? clientId
  // The client id is the name shown when the config has no title: no need to say it twice.
  const details = name === clientId ? [] : [['Application', clientId]]
  const tenant = text(config.auth0Tenant)
  if (tenant !== undefined) details.push(['Tenant', tenant])
  const domain = text(config.auth0Domain)
  if (domain !== undefined) details.push(['Address', domain])
  const primary = text(objectOf(config.colors).primary)
  return {
    name,
    details,
    loginHint: text(extra.login_hint) ?? text(extra.loginHint),
    // Only a plain hex colour: anything else could smuggle CSS into the custom property.
    accent: primary !== undefined && /^#[0-9a-f]{3,8}$/i.test(primary) ? primary : undefined,
  }
}
