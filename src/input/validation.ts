import { sdkError, type InputErrorCode } from '../core/errors'
import type { z } from './field-rules'

type Issue = z.core.$ZodIssue

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

// Whether the top level of an object schema accepts `key`.
function acceptsKey(schema: unknown, key: string): boolean {
  return Object.hasOwn((schema as { def?: { shape?: object } }).def?.shape ?? {}, key)
}

// The issue in words, and the path of the option at fault (none when the whole input is).
function describeIssue(issue: Issue, input: unknown, subject: string, schema: unknown): [string, string?] {
  const field = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    const where = `unknown property "${key}" in ${field ? `"${field}"` : subject}`
    // auth0.js users often write the wire name; point them at ours.
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
    const hint = !field && camel !== key && acceptsKey(schema, camel) ? `: did you mean "${camel}"?` : ''
    return [where + hint, field ? `${field}.${key}` : key]
  }
  if (!field) return [`${subject} must be an object`]
  return [`"${field}" ${valueAt(input, issue.path) === undefined ? 'is required' : ruleOf(issue)}`, field]
}

// Every field schema is a `z.custom` carrying its rule in words (see ./field-rules); the only
// issue without our own words is an object schema given something else.
function ruleOf(issue: Issue): string {
  return issue.code === 'invalid_type' ? 'must be an object' : issue.message
}

/**
 * Validates `input` against a `zod/mini` schema at a public boundary and turns the first
 * issue into a WebAuthError that names the field. zod's types never leave here.
 *
 * @param subject - what the input is called in messages, such as `options`
 * @throws WebAuthError with the given `code`, naming the field in its message and in `field`
 */
export function parseOrThrow<Schema extends z.ZodMiniType>(
  schema: Schema,
  input: unknown,
  code: InputErrorCode,
  subject: string,
): z.output<Schema> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0] as Issue
  const [message, field] = describeIssue(issue, input, subject, schema)
  throw sdkError(code, message, { field, cause: result.error })
}
