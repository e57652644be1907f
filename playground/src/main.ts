/**
 * The playground: projects that are Spin apps, edited here, each deployed to an origin of its
 * own and driven through that origin's host page (docs/decisions/0007). This page, at the site's
 * origin, never runs app code.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { registerExampleTemplates } from './lib/sources/example-templates.ts';
import { registerImportSources } from './lib/sources/import-sources.ts';
import { registerJsHandlerTemplates } from './lib/sources/js-handler-templates.ts';
import { preloadSiteRunner } from './lib/deploy/site-runner-artifacts.ts';
import './style.css';

// The order of registration is the order of the "New project" dialog.
registerJsHandlerTemplates();
registerExampleTemplates();
registerImportSources();

// The page's HTML preloads the runner's core modules (build-config.ts); reading them here takes
// those preloads, rather than leaving the browser to warn of preloads never used.
preloadSiteRunner();

mount(App, { target: document.getElementById('app')! });
