/**
 * Small TypeScript projects that use the package the way apps do, one per module resolution mode. Each is
 * written twice, with `skipLibCheck` off and on. Their code has `@ts-expect-error` probes that fire only when
 * the package's types are the real ones: types that resolve to `any` leave every probe unused, which is an error.
 */

/** One consumer: a folder with its own package.json (for `"type"`), files and compiler options. */
export interface ConsumerProject {
  /** The folder, and the name the tests show. */
  name: string
  /** What the folder's package.json says about its module format. */
  type: 'module' | 'commonjs'
  compilerOptions: Record<string, unknown>
  /** File name → content. */
  files: Record<string, string>
}

// The names the probes use, imported as each kind of file must: ESM syntax (compiled to `require` in a
// CommonJS file), or `import = require` where `verbatimModuleSyntax` forbids ESM syntax in CommonJS.
const esmImport = `import { WebAuth, createClient, isWebAuthError, passwordlessStart } from 'passwordless-webauth'
import type { PasswordlessStartResult } from 'passwordless-webauth'
`
const requireImport = `import pwa = require('passwordless-webauth')
const { WebAuth, createClient, isWebAuthError, passwordlessStart } = pwa
type PasswordlessStartResult = pwa.PasswordlessStartResult
`

// Every probe needs the package's types: with `any` none of them is an error.
const probes = `
async function signIn(email: string): Promise<string> {
  const webAuth = new WebAuth({ domain: 'tenant.example.com', clientID: 'abc' })
  // @ts-expect-error a misspelt option: redirectUrl for redirectUri
  void new WebAuth({ domain: 'tenant.example.com', clientID: 'abc', redirectUrl: 'https://app.example.com/' })
  // @ts-expect-error 'fax' is not a connection
  await webAuth.passwordlessStart({ connection: 'fax', email })
  // @ts-expect-error an SMS start takes phoneNumber, not email
  await webAuth.passwordlessStart({ connection: 'sms', send: 'code', email })

  const client = createClient({ domain: 'tenant.example.com', clientID: 'abc' })
  try {
    const result: PasswordlessStartResult = await passwordlessStart(client, { connection: 'email', send: 'code', email })
    // @ts-expect-error the result is an object, not a string
    const wrong: string = result
    // @ts-expect-error send is 'link' or 'code', not a number
    const send: number = result.send
    return \`\${result.connection} \${String(wrong)} \${send}\`
  } catch (error) {
    if (!isWebAuthError(error)) throw error
    // Narrowed: code and statusCode are read without a cast.
    const code: string = error.code
    const status: number | undefined = error.statusCode
    // @ts-expect-error code is a string, not a number
    const wrongCode: number = error.code
    return \`\${code} \${status} \${wrongCode}\`
  }
}
`

const strictBase = { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [] }

/**
 * The consumers: bundler, node16 ESM, node16 CommonJS (with the DOM lib, and without it but with @types/node),
 * and what `tsc --init` writes (nodenext).
 */
export const CONSUMERS: ConsumerProject[] = [
  {
    name: 'bundler',
    type: 'module',
    compilerOptions: { ...strictBase, module: 'preserve', moduleResolution: 'bundler' },
    files: { 'index.ts': esmImport + probes },
  },
  {
    name: 'node16-esm',
    type: 'module',
    compilerOptions: { ...strictBase, module: 'node16', moduleResolution: 'node16' },
    files: { 'index.ts': esmImport + probes },
  },
  {
    name: 'node16-cjs',
    type: 'commonjs',
    compilerOptions: { ...strictBase, module: 'node16', moduleResolution: 'node16' },
    files: { 'index.ts': esmImport + probes },
  },
  {
    // A Node program: no DOM lib, so fetch and AbortSignal come from @types/node (installed with the consumer).
    name: 'node16-cjs-without-dom',
    type: 'commonjs',
    compilerOptions: {
      ...strictBase,
      lib: ['ES2022'],
      types: ['node'],
      module: 'node16',
      moduleResolution: 'node16',
    },
    files: { 'index.ts': esmImport + probes },
  },
  {
    // `tsc --init` of TypeScript 6 (emit options left out), with an ESM file and a CommonJS one.
    name: 'nodenext',
    type: 'module',
    compilerOptions: {
      module: 'nodenext',
      target: 'esnext',
      types: [],
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      strict: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      noUncheckedSideEffectImports: true,
      moduleDetection: 'force',
      noEmit: true,
    },
    files: { 'index.ts': esmImport + probes, 'require.cts': requireImport + probes },
  },
]

/**
 * The files of one consumer with `skipLibCheck` set as asked: `<name>/package.json`, the sources and
 * `<name>/tsconfig.<skip-lib-check|lib-check>.json`. Returns the tsconfig's path relative to the consumer root.
 */
export function consumerFiles(
  consumer: ConsumerProject,
  skipLibCheck: boolean,
): { tsconfig: string; files: Record<string, string> } {
  const tsconfig = `${consumer.name}/tsconfig.${skipLibCheck ? 'skip-lib-check' : 'lib-check'}.json`
  const files: Record<string, string> = {
    [`${consumer.name}/package.json`]: JSON.stringify({ type: consumer.type }),
    [tsconfig]: JSON.stringify({
      // skipDefaultLibCheck leaves out TypeScript's own lib files only, which nothing here can change; with
      // skipLibCheck off the package's declarations (and zod's) are still checked. It saves about a fifth of
      // the time (14.5 s against 18.4 s of CPU for one TypeScript version's projects).
      compilerOptions: { ...consumer.compilerOptions, skipLibCheck, skipDefaultLibCheck: true },
      files: Object.keys(consumer.files),
    }),
  }
  for (const [file, content] of Object.entries(consumer.files)) files[`${consumer.name}/${file}`] = content
  return { tsconfig, files }
}
