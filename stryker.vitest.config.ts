import { configDefaults, defineConfig } from 'vitest/config'
import { BUILD_TESTS, sharedTestOptions } from './vitest.config'

// The vitest configuration Stryker runs each mutant against (see stryker.config.mjs): the unit tests of the
// SDK and the emulator, in one project. Left out: the tests of the build (they read dist/, which Stryker
// does not rebuild for each mutant) and of the documents; no mutant of src/ or demo/server/ changes either.
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...BUILD_TESTS, 'test/docs/**'],
    // Stryker's first run takes every test in one thread; on a busy machine an emulator round trip can pass
    // vitest's 5 s default and fail that run. A mutant that hangs is still stopped by Stryker's own timeout.
    testTimeout: 30_000,
  },
})
