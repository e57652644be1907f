/**
 * The embed page (`/embed?views=…&theme=…#v1.…`): a shared app, decoded from the URL fragment
 * (lib/share), running at its own origin inside another page (docs/decisions/0015). The page
 * that frames it may drive it over the embed channel (parent-channel.ts, api/embed-protocol.ts).
 */
import { mount } from 'svelte';
import { sameSiteFramer, sameSiteFramerMessage } from 'swerve/client';
import Embed from './Embed.svelte';
import EmbedFailure from './EmbedFailure.svelte';
import { EmbeddedApp } from './EmbeddedApp.svelte.ts';
import { parseEmbedOptions, type EmbedTheme } from './embed-options.ts';
import { listenToParent } from './parent-channel.ts';
import './embed.css';

const target = document.getElementById('app')!;
const systemTheme: EmbedTheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

try {
  // Framed by an app (a link's document) or another page of the site's domain: refuse, or that
  // page would drive apps with the visitor's own storage (docs/decisions/0015).
  const framer = sameSiteFramer(location.origin);
  if (framer) throw new Error(sameSiteFramerMessage(framer, 'This embed'));
  const options = parseEmbedOptions(location.search);
  const theme = options.theme ?? systemTheme;
  document.documentElement.dataset['theme'] = theme;
  const app = new EmbeddedApp(location.hash, options.editable);
  const channel = listenToParent({
    connect: () => app.ready(),
    send: async (request) => (await app.send(request)).response,
    setFile: (path, text) => app.setFile(path, text),
  });
  app.onEvent((event) => channel.emit(event));
  mount(Embed, { target, props: { app, options, theme } });
} catch (error) {
  // Options this page cannot follow, or a framer it refuses: say why, and answer the embedding
  // page the same.
  const message = error instanceof Error ? error.message : String(error);
  document.documentElement.dataset['theme'] = systemTheme;
  listenToParent({
    connect: () => Promise.reject(new Error(message)),
    send: () => Promise.reject(new Error(message)),
    setFile: () => Promise.reject(new Error(message)),
  });
  mount(EmbedFailure, { target, props: { message } });
}
