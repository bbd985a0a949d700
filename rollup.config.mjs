import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { dts } from 'rollup-plugin-dts'
import { ownSourcesOnly } from './scripts/sourcemap-own-sources.mjs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const banner = `/*! ${pkg.name} v${pkg.version} | ${pkg.license} */`

// zod warns about its own annotations and an internal import cycle; both are
// harmless and come from node_modules only. Anything from our code still fails loudly.
function onwarn(warning, warn) {
  const fromDependency = [warning.id, warning.exporter, ...(warning.ids ?? []), ...(warning.cycle ?? [])]
    .filter(Boolean)
    .some((id) => id.includes('node_modules'))
  if (
    fromDependency &&
    ['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED'].includes(warning.code)
  )
    return
  warn(warning)
}

// Declaration files left in dist/ by an earlier build (one per source module, or a chunk whose hash
// has changed) would be packed with the new ones: `files` takes every declaration under dist/.
function removeDeclarations(dir) {
  return {
    name: 'remove-declarations',
    buildStart() {
      const files = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : []
      for (const file of files) {
        if (/\.d\.c?ts$/.test(file)) rmSync(`${dir}/${file}`)
      }
    },
  }
}

const terserOptions = {
  ecma: 2022,
  module: false,
  // Options that keep the program as it is, picked by the UMD's gzip size, which moves with the code:
  // inlining only simple functions (inline: 1) and \u escapes for the few non-ASCII characters
  // (ascii_only) each save 15-25 bytes today; hoist_funs, which saved about 90 once, now costs 100.
  compress: { passes: 3, pure_getters: true, inline: 1 },
  format: { comments: /^!/, ascii_only: true },
}

const isDependency = (id) => id === 'ky' || id === 'zod' || id.startsWith('zod/')
const codeOnly = {
  tsconfig: './tsconfig.json',
  declaration: false,
  declarationMap: false,
  noEmitOnError: true,
}

export default [
  // ESM for bundlers: ky and zod stay dependencies so the app's bundler dedupes them.
  {
    input: 'src/index.ts',
    external: (id) => id === 'ky' || id === 'zod' || id.startsWith('zod/'),
    output: { file: 'dist/passwordless-webauth.mjs', format: 'es', sourcemap: true, banner },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        declaration: false,
        declarationMap: false,
        noEmitOnError: true,
      }),
    ],
    onwarn,
  },
  // UMD for a <script> tag (and CommonJS require): everything bundled. Their maps show the SDK's
  // TypeScript only; ky's and zod's code is left unmapped (see scripts/sourcemap-own-sources.mjs).
  {
    input: 'src/index.ts',
    output: [
      {
        file: 'dist/passwordless-webauth.umd.cjs',
        format: 'umd',
        name: 'PasswordlessWebAuth',
        sourcemap: true,
        banner,
        plugins: [ownSourcesOnly()],
      },
      {
        file: 'dist/passwordless-webauth.umd.min.js',
        format: 'umd',
        name: 'PasswordlessWebAuth',
        sourcemap: true,
        banner,
        plugins: [terser(terserOptions), ownSourcesOnly()],
      },
    ],
    plugins: [
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: './tsconfig.json',
        declaration: false,
        declarationMap: false,
        noEmitOnError: true,
      }),
    ],
    onwarn,
  },
  // The server entry (`passwordless-webauth/server`), for backends; no UMD, since no page may load it. ESM
  // leaves ky and zod to the app's node_modules, as the browser's ESM build does. CommonJS bundles ky, which
  // ships ESM only (Node's require() loads ESM from 20.19 on; the package takes Node 20 from 20.0), and
  // leaves zod, which ships CommonJS too. A separate build from the browser's: a build with both inputs would
  // split their shared code into a chunk, and the browser's files would change.
  {
    input: 'src/server/index.ts',
    external: isDependency,
    output: { file: 'dist/passwordless-webauth-server.mjs', format: 'es', sourcemap: true, banner },
    plugins: [typescript(codeOnly)],
    onwarn,
  },
  {
    input: 'src/server/index.ts',
    external: (id) => id === 'zod' || id.startsWith('zod/'),
    output: {
      file: 'dist/passwordless-webauth-server.cjs',
      format: 'cjs',
      sourcemap: true,
      banner,
      plugins: [ownSourcesOnly()],
    },
    plugins: [nodeResolve(), typescript(codeOnly)],
    onwarn,
  },
  // Declarations: one bundled file per entry and module format, holding the public types only (the
  // types of ky and zod stay imports: rollup-plugin-dts leaves packages external). `import` gets
  // `index.d.ts` (ESM, as the package is `"type": "module"`), `require` gets `index.d.cts`. A second
  // entry is one more key in `input`; types that entries share go to a chunk in `dist/types/`, which
  // each format imports with the extension TypeScript asks for (`.js`, `.cjs`).
  {
    input: { index: 'src/index.ts', server: 'src/server/index.ts' },
    output: [
      { dir: 'dist', entryFileNames: '[name].d.ts', chunkFileNames: 'types/shared-[hash].d.ts' },
      { dir: 'dist', entryFileNames: '[name].d.cts', chunkFileNames: 'types/shared-[hash].d.cts' },
    ],
    plugins: [removeDeclarations('dist'), dts({ tsconfig: './tsconfig.json' })],
    onwarn,
  },
]
