/**
 * A button that cannot be pressed again until a number of seconds has passed, with the remaining time in
 * its label. Used for "Resend": a person should not flood their own inbox, and after a 429 the server's
 * `retryAfter` decides how long to wait.
 */
import { formatDuration } from './messages'

export class Cooldown {
  readonly #button: HTMLButtonElement
  readonly #label: () => string
  #timer: ReturnType<typeof setInterval> | undefined
  #until = 0

  /** `label` gives the button's text without the countdown; it may change while the page runs. */
  constructor(button: HTMLButtonElement, label: () => string) {
    this.#button = button
    this.#label = label
  }

  /** Disables the button for `seconds` (a longer running cooldown is kept). */
  start(seconds: number): void {
    this.#until = Math.max(this.#until, Date.now() + seconds * 1000)
    this.#tick()
    this.#timer ??= setInterval(() => this.#tick(), 1000)
  }

  /** Shows the current state again: after the label changed, or after something else re-enabled the button. */
  refresh(): void {
    this.#tick()
  }

  /** Whole seconds left; 0 when the button can be pressed. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#until - Date.now()) / 1000))
  }

  #tick(): void {
    const left = this.remaining
    this.#button.disabled = left > 0
    this.#button.textContent = left > 0 ? `${this.#label()} (in ${formatDuration(left)})` : this.#label()
    if (left === 0 && this.#timer !== undefined) {
      clearInterval(this.#timer)
      this.#timer = undefined
    }
  }
}
