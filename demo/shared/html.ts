/**
 * HTML built on the server from a tagged template, for the emulator's pages and the demo apps' alike: every
 * interpolated value is escaped unless it is itself the output of `html`, so an email address, a claim or a
 * query parameter can never become markup.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for an HTML element or a double- or single-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/** HTML that is already escaped, so that `html` inserts it as it is instead of escaping it twice. */
export class SafeHtml {
  constructor(readonly html: string) {}
}

/** What may stand in a template: `undefined`, `null` and `false` render nothing, so `${cond && html`...`}` works. */
export type HtmlPart = SafeHtml | string | number | boolean | undefined | null | readonly HtmlPart[]

function render(part: HtmlPart): string {
  if (part === undefined || part === null || part === false) return ''
  if (part instanceof SafeHtml) return part.html
  if (Array.isArray(part)) return part.map((item: HtmlPart) => render(item)).join('')
  return escapeHtml(String(part))
}

/**
 * Tagged template that escapes every interpolated value unless it is SafeHtml (or an array of parts).
 *
 * @example
 * html`<p>Signed in as <strong>${email}</strong></p>`.html
 */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(out)
}
