// A dotted quad of decimal bytes, without leading zeros (`010.0.0.1` is octal to some parsers, decimal to others).
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/**
 * Whether `value` is an IPv4 address in dotted-quad form or an IPv6 address (RFC 4291 2.2, with an embedded
 * IPv4 part or not), with nothing around it: no port, no brackets, no zone, no spaces. Runs wherever `URL`
 * does (no `node:net`), so the rule is the same in every runtime the server entry supports.
 */
export function isIpAddress(value: string): boolean {
  if (IPV4.test(value)) return true
  // Only hex digits, colons and dots reach the URL parser, which knows IPv6's grammar (`::`, an IPv4 tail).
  if (!value.includes(':') || !/^[0-9a-f:.]+$/i.test(value)) return false
  try {
    new URL(`http://[${value}]/`)
    return true
  } catch {
    return false
  }
}
