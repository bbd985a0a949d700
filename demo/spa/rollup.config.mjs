// Builds the demo SPA the way an app that installed the package would: `import { WebAuth } from
// 'passwordless-webauth'` resolves through the package's own `exports` map (its ESM build in dist/),
// never through src/, and ky and zod come from node_modules like any other dependency.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))

/**
 * Resolves the package by its own name, as Node does for a package importing itself: this config file sits
 * inside the package, so `import.meta.resolve` follows the root package.json's `exports` ("import" condition).
 */
function installedPackage() {
  return {
    name: 'installed-package',
    resolveId(id) {
      if (id !== 'passwordless-webauth') return null
      const file = fileURLToPath(import.meta.resolve(id))
      if (!existsSync(file)) {
        this.error(`${file} does not exist: build the SDK first (npm run build)`)
      }
      return file
    },
  }
}

// zod reports its own annotations and an import cycle; harmless, and only tolerated from node_modules.
function onwarn(warning, warn) {
  const ids = [warning.id, warning.exporter, ...(warning.ids ?? []), ...(warning.cycle ?? [])].filter(Boolean)
  const fromDependency = ids.some((id) => id.includes('node_modules'))
  if (
    fromDependency &&
    ['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED'].includes(warning.code)
  ) {
    return
  }
  warn(warning)
}

export default {
  input: here('./src/main.ts'),
  output: { dir: here('./dist'), entryFileNames: 'app.js', format: 'es', sourcemap: true },
  plugins: [
    installedPackage(),
    nodeResolve({ browser: true }),
    typescript({ tsconfig: here('./tsconfig.json'), noEmitOnError: true }),
  ],
  onwarn,
}
