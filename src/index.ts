// The browser entry. Public types: ./api/types.ts.
export { WebAuth, fromUniversalLoginConfig } from './api/web-auth'
export {
  authorize,
  createClient,
  passwordlessStart,
  passwordlessLogin,
  handleRedirectCallback,
  getPasswordlessChallenge,
} from './api/client'
export { WebAuthError, isWebAuthError, ErrorCode } from './core/errors'
export { VERSION } from './core/version'
export type {
  AuthParams,
  CaptchaElement,
  CaptchaOptions,
  CaptchaProvider,
  AuthorizeOptions,
  CodeLogin,
  CodeRefusalReason,
  HeadersOption,
  IdTokenPayload,
  NodeCallback,
  ParamValue,
  ParseHashOptions,
  PasswordlessCaptcha,
  PasswordlessChallenge,
  PasswordlessClient,
  PasswordlessLoginOptions,
  PasswordlessStartOptions,
  PasswordlessStartResult,
  RedirectCallbackOptions,
  RedirectResult,
  ResponseType,
  SdkErrorCode,
  UniversalLoginConfig,
  WebAuthErrorDetails,
  WebAuthOptions,
} from './api/types'
