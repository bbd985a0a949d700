import { lazy } from '../lib/lazy'
import { string, z } from './field-rules'
import { snapshot } from './snapshot'
import { parseOrThrow } from './validation'

/** The rules of `renderPasswordlessCaptcha`'s options. */
export const captchaOptionsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({ nonce: z.optional(string()) }),
)

/**
 * Validates the options of `renderPasswordlessCaptcha`.
 *
 * @throws WebAuthError `invalid_input` naming the field
 */
export const parseCaptchaOptions = (input: unknown) =>
  parseOrThrow(
    captchaOptionsSchema(),
    snapshot(input ?? {}, 'options', 'invalid_input'),
    'invalid_input',
    'options',
  )
