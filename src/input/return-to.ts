/** A same-origin relative path: `/account?tab=1`, never `//evil.example` or `/\evil.example` (S12). */
export function isSafeReturnTo(path: string): boolean {
  // Control characters are refused too: browsers strip tabs and newlines, turning `/\t/evil` into `//evil`.
  // eslint-disable-next-line no-control-regex
  if (!/^\/(?![/\\])/.test(path) || /[\u0000-\u001f\\]/.test(path)) return false
  // Dot segments, encoded or not, are resolved the way the URL parser will: `/.//evil.example` and
  // `/%2e%2e//evil.example` become `//evil.example`, an address on another host.
  return !new URL(path, 'https://a.invalid').pathname.startsWith('//')
}
