/** `swerve/embed`: the embed API (docs/embeds.md); see index.js. */
import type { Embed, EmbedOptions as SiteEmbedOptions } from './types/embed-api/embed/api/swerve-embed.js';

export type {
  Embed,
  EmbedEvents,
  EmbedInfo,
  EmbedLog,
  EmbedRequest,
  EmbedResponse,
  SharedApp,
} from './types/embed-api/embed/api/swerve-embed.js';

/** As the site's `/swerve-embed.js` takes them, with `site` (the Swerve site's origin) required. */
export type EmbedOptions = SiteEmbedOptions & { site: string };

/** Appends the embed's frame to `element`, framing `<options.site>/embed`. */
export declare function createEmbed(element: Element, options: EmbedOptions): Embed;

/** The URL of the embed page for `site`, an app (a share link's fragment) and options. */
export declare function embedUrl(
  site: string,
  fragment: string,
  options: Omit<SiteEmbedOptions, 'app' | 'site'>,
): string;
