import type { Request } from '@playwright/test'

/** The body of a routed request as an object: a form or JSON, the two types the SDK sends; undefined when empty. */
export function readRequestBody(request: Request): Record<string, unknown> | undefined {
  const postData = request.postData()
  if (!postData) return undefined
  const isForm = request.headers()['content-type']?.startsWith('application/x-www-form-urlencoded')
  return isForm
    ? Object.fromEntries(new URLSearchParams(postData))
    : (JSON.parse(postData) as Record<string, unknown>)
}
