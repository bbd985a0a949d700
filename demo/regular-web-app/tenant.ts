/**
 * This app's side of the tenant: the server entry's client, made once with the client secret (which never
 * leaves this process), and the address of the tenant's hosted login page, which a redirect carries.
 */
import { createServerClient } from '../../src/server/index'
import type { ServerClient } from '../../src/server/index'

export interface TenantConfig {
  /** The tenant's origin, such as http://127.0.0.1:4400. */
  origin: string
  clientId: string
  clientSecret: string
}

export interface Tenant {
  client: ServerClient
  /** Where to send the browser for the tenant's hosted login page. */
  authorizeUrl(redirectUri: string, state: string, nonce: string): string
}

/** The scope of every login: an ID token with the person's email address or phone number. */
export const SCOPE = 'openid profile email'

export function createTenant(config: TenantConfig): Tenant {
  return {
    client: createServerClient({
      domain: config.origin,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
    }),
    authorizeUrl(redirectUri, state, nonce) {
      const url = new URL('/authorize', config.origin)
      url.search = new URLSearchParams({
        client_id: config.clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: SCOPE,
        state,
        nonce,
      }).toString()
      return url.toString()
    },
  }
}
