// The server entry, `passwordless-webauth/server`: for backends (Node 20 and later, or any runtime with `fetch`
// and WebCrypto), never for a page. Public types: ./types.ts.
import { assertNotInPage } from './environment'

// Loaded in a web page, the entry fails at once, before anything can be called or sent.
assertNotInPage()

export { createServerClient } from './client'
export { isMfaRequired } from './errors'
export { WebAuthError, isWebAuthError, ErrorCode } from '../core/errors'
export { VERSION } from '../core/version'
export type {
  AuthParams,
  CodeRefusalReason,
  IdTokenPayload,
  ParamValue,
  PasswordlessStartResult,
  SdkErrorCode,
  WebAuthErrorDetails,
} from '../api/types'
export type {
  ExchangeCodeOptions,
  LoginWithOtpOptions,
  MfaApi,
  MfaAuthenticator,
  MfaChallenge,
  MfaChallengeOptions,
  MfaRequiredError,
  MfaRequirements,
  MfaVerifyOptions,
  ServerClient,
  ServerClientOptions,
  ServerStartOptions,
  ServerTokens,
} from './types'
