import type { CaptchaOptions, PasswordlessCaptcha, PasswordlessChallenge } from '../api/types'
import type { Context } from '../core/context'
import { inputError } from '../core/errors'
import { fetchChallenge } from '../flows/challenge'
import { drawWidget, make } from './widgets'

// The captcha of a hosted login page, drawn with DOM calls only: no markup is parsed (S20).

/**
 * Asks for the passwordless challenge and draws it in `element`: for `auth0`, the image, a button for another
 * one and a text field; for a widget, the widget (see ./widgets.ts); for none, the element emptied and hidden.
 *
 * @throws WebAuthError `invalid_input` (no request made); `invalid_response` for a provider it cannot draw;
 *   `network_error` when a widget's script does not load; the codes of {@link fetchChallenge}
 */
export async function renderCaptcha(
  context: Context,
  target: unknown,
  options?: CaptchaOptions,
): Promise<PasswordlessCaptcha> {
  const element = target as HTMLElement
  // Duck-typed: `instanceof HTMLElement` would throw where there is no DOM, and miss an element of a frame.
  if (typeof element?.replaceChildren !== 'function')
    throw inputError('invalid_input', 'element', 'must be an element')
  // The script's `nonce` attribute: empty, as a new script's is, when the page gives none.
  const nonce = options?.nonce ?? ''
  if (typeof nonce !== 'string') throw inputError('invalid_input', 'nonce', 'must be a string')
  // What `getValue` reads: the field's text, or the widget's token (a string, or nothing).
  let answer: () => string | undefined
  const captcha = {
    challenge: { required: false } as PasswordlessChallenge,
    getValue: () => answer()?.trim() || undefined,
    reload: async () => {
      const challenge = await fetchChallenge(context)
      let token: string | undefined
      answer = () => token
      element.replaceChildren()
      element.hidden = !challenge.required
      if (challenge.required && challenge.provider === 'auth0') {
        const field = make('input', {
          name: 'captcha',
          autocomplete: 'off',
          // Auth0's words (auth0.js's template), which are the field's accessible name too.
          placeholder:
            challenge.type === 'code' ? 'Enter the code shown above' : 'Solve the formula shown above',
        })
        answer = () => field.value
        element.append(
          make('img', { src: challenge.image ?? '', alt: 'Captcha' }),
          make('button', {
            type: 'button',
            textContent: 'New image',
            // A failure leaves the image shown: the start it would refuse says so.
            onclick: () => captcha.reload().catch(() => undefined),
          }),
          field,
        )
      } else if (challenge.required) {
        await drawWidget(element, challenge, (value) => (token = value as string | undefined), nonce)
      }
      return (captcha.challenge = challenge)
    },
  }
  await captcha.reload()
  return captcha
}
