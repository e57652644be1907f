/**
 * The WASI releases the host serves, as the capability table (host-capabilities.ts) and the
 * compatibility check name them.
 */

/** The WASI 0.2 WIT the published worlds and generated types name (the release jco ships). */
export const WASI_P2_WIT_VERSION = '0.2.12';

/** The WASI 0.3 WIT the published worlds and generated types name (the release jco ships). */
export const WASI_P3_WIT_VERSION = '0.3.0';

/** Any WASI 0.2 patch release, as a regular expression's source: its interfaces are the same. */
export const WASI_P2_VERSIONS = String.raw`0\.2\.\d+`;

/** The release candidate Spin 4.0 builds for. */
export const WASI_P3_RELEASE_CANDIDATE = '0.3.0-rc-2026-03-15';

/** The version part of a WASI 0.3 interface name the host serves, as a regular expression. */
export const SERVED_WASI_P3_VERSION = String.raw`(?:0\.3\.\d+|0\.3\.0-rc-2026-03-15)`;
