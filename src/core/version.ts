/** The SDK's version, sent in the `Auth0-Client` telemetry header. Kept equal to package.json by a test. */
export const VERSION = '0.1.0'
