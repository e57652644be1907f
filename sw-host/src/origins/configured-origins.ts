/**
 * The site's origins configuration, as the Vite plugin baked it into this build
 * (`swerveHost({ origins })`): the one place a deployed site says where its apps run.
 */
import type { OriginsConfig } from './app-origins.ts';

declare const __SWERVE_ORIGINS__: OriginsConfig | undefined;

export const ORIGINS: OriginsConfig = typeof __SWERVE_ORIGINS__ === 'object' ? __SWERVE_ORIGINS__ : {};
