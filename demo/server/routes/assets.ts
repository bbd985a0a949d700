/**
 * Static files: the hosted page's own scripts and styles from `demo/universal-login/`, the SDK's UMD bundle
 * from `dist/`, and auth0.js's for the template page (a devDependency of this repository). They carry no code
 * or token, so browsers may keep them but must revalidate.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hono } from 'hono'
import type { EmulatorContext } from '../context'
import type { AppEnv } from '../http'

/** Only plain file names: no directories, so no path can escape the folder. */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css)$/
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' }

export const SDK_PATH = '/sdk/passwordless-webauth.umd.min.js'
export const AUTH0_JS_PATH = '/universal-login/vendor/auth0.min.js'

export function registerAssets(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.get('/universal-login/:file', async (c) => {
    const file = c.req.param('file')
    const match = ASSET_NAME.exec(file)
    const contents = match === null ? undefined : await readOptional(join(context.universalLoginDir, file))
    if (match === null || contents === undefined) return c.text('Not found', 404)
    c.header('Content-Type', TYPES[match[1] ?? 'js'] ?? 'text/plain')
    c.header('Cache-Control', 'no-cache')
    return c.body(contents)
  })

  const scripts: [string, string, string][] = [
    [SDK_PATH, context.sdkBundlePath, 'passwordless-webauth is not built yet: run `npm run build`'],
    [AUTH0_JS_PATH, context.auth0JsPath, 'auth0-js is not installed: run `npm install`'],
  ]
  for (const [path, file, missing] of scripts) {
    app.get(path, async (c) => {
      const contents = await readOptional(file)
      if (contents === undefined) return c.text(`${missing} in the repository, then reload this page.\n`, 404)
      c.header('Content-Type', TYPES['js'] ?? 'text/javascript')
      c.header('Cache-Control', 'no-cache')
      return c.body(contents)
    })
  }
}

async function readOptional(path: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    return new Uint8Array(await readFile(path))
  } catch {
    return undefined
  }
}
