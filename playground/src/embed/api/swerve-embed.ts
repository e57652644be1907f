/**
 * `/swerve-embed.js`: the embed API as one ES module, for pages of any site (served with
 * `Access-Control-Allow-Origin: *`, built by playground/build-config.ts). See docs/embeds.md.
 */
export { createEmbed, embedUrl } from './create-embed.ts';
export type {
  Embed,
  EmbedEvents,
  EmbedInfo,
  EmbedLog,
  EmbedOptions,
  EmbedRequest,
  EmbedResponse,
  SharedApp,
} from './create-embed.ts';
