// @ts-check
/**
 * `swerve/embed`: the embed API (docs/embeds.md) as a module a docs site bundles or serves
 * itself. It is the Swerve site's `/swerve-embed.js` with one difference: that script, loaded
 * from the site by URL, takes the site from its own address; bundled into another site, this
 * module cannot tell where the Swerve site is, so `site` is required. The code is the
 * playground's (`@swerve/playground/embed-api`), bundled in by scripts/build.js.
 */
import { createEmbed as createSiteEmbed, embedUrl } from '@swerve/playground/embed-api';

export { embedUrl };

/**
 * Appends the embed's frame to `element`, framing `<options.site>/embed`.
 * @param {Element} element
 * @param {import('@swerve/playground/embed-api').EmbedOptions & { site: string }} options
 * @returns {import('@swerve/playground/embed-api').Embed}
 */
export function createEmbed(element, options) {
  const site = options?.site;
  if (typeof site !== 'string' || !URL.canParse(site))
    throw new TypeError(
      `swerve/embed: options.site is ${site === undefined ? 'missing' : `not a URL (${String(site)})`}. ` +
        "Give the Swerve site that serves the embed page, as its origin (e.g. 'https://swerve.example.com'): " +
        'a bundled module cannot tell where it came from.',
    );
  return createSiteEmbed(element, options);
}
