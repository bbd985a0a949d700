/**
 * Small DOM helpers. Everything shown to people goes through `textContent` or element construction, never
 * through HTML parsing, so nothing from outside (an address, a claim of the ID token) can become markup.
 */

/** The element with this id, of the expected type; a missing element is a bug in index.html. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id)
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page or is not a ${type.name}`)
  return element
}

/** Shows exactly one of the views and moves focus to its heading, so screen readers announce the change. */
export function showView(views: readonly HTMLElement[], visible: HTMLElement): void {
  for (const view of views) view.hidden = view !== visible
  const heading = visible.querySelector<HTMLElement>('h2')
  heading?.focus()
}

/** Replaces a definition list's content with term/value rows. */
export function fillDefinitionList(
  list: HTMLDListElement,
  rows: ReadonlyArray<readonly [string, string]>,
): void {
  list.replaceChildren()
  for (const [term, value] of rows) {
    const dt = document.createElement('dt')
    dt.textContent = term
    const dd = document.createElement('dd')
    dd.textContent = value
    list.append(dt, dd)
  }
}
