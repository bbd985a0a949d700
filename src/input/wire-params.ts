import type { ParamValue } from '../api/types'
import { inputError, type InputErrorCode } from '../core/errors'

/** Authorize parameters as they go on the wire: snake_case keys, string values. */
export type WireParams = Record<string, string>

/**
 * Writes a key the way the Authentication API spells it: `responseType` becomes
 * `response_type`; keys already in snake_case, and `_csrf` / `_intstate`, are unchanged.
 */
export function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

/**
 * Converts parameters to their wire form, keeping every key. Two spellings of one key
 * with different values (`responseType` and `response_type`) are refused rather than
 * one being dropped silently.
 *
 * @throws WebAuthError with `code` when two spellings of a key disagree or a value is not a string, number or boolean
 */
export function toWireParams(
  params: Record<string, ParamValue | undefined>,
  where: string,
  code: InputErrorCode,
): WireParams {
  const wire: WireParams = {}
  const spelledAs: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw inputError(code, `${where}.${key}`, 'must be a string, number or boolean')
    }
    const wireKey = toSnakeCase(key)
    const wireValue = String(value)
    const earlier = spelledAs[wireKey]
    if (earlier !== undefined && wire[wireKey] !== wireValue) {
      throw inputError(code, `${where}.${earlier}`, `and "${where}.${key}" differ`)
    }
    spelledAs[wireKey] = key
    wire[wireKey] = wireValue
  }
  return wire
}
