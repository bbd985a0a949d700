/* global setInterval, clearInterval */
/**
 * A button that cannot be pressed again until some seconds have passed, with the time left in its label.
 * Used for "Send a new code": a person should not flood their own inbox, and after a 429 the server's
 * `retryAfter` decides how long to wait.
 */
import { formatDuration } from './messages.js'

export class Cooldown {
  #button
  #label
  #timer
  #until = 0

  /** `label` gives the button's text without the countdown; it may change while the page runs. */
  constructor(button, label) {
    this.#button = button
    this.#label = label
  }

  /** Disables the button for `seconds` (a longer cooldown already running is kept). */
  start(seconds) {
    this.#until = Math.max(this.#until, Date.now() + seconds * 1000)
    this.refresh()
    this.#timer ??= setInterval(() => this.refresh(), 1000)
  }

  /** Shows the current state again: after the label changed, or after something else re-enabled the button. */
  refresh() {
    const left = Math.max(0, Math.ceil((this.#until - Date.now()) / 1000))
    this.#button.disabled = left > 0
    this.#button.textContent = left > 0 ? `${this.#label()} (in ${formatDuration(left)})` : this.#label()
    if (left === 0 && this.#timer !== undefined) {
      clearInterval(this.#timer)
      this.#timer = undefined
    }
  }
}
