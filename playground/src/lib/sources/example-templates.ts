/**
 * Templates built on the site's example apps: each app's spin.toml from the site's catalog
 * (/_swerve/apps.json), without its build section (the component comes built), with what each
 * template shows off added: a static page at `/`, variables.
 */
import { CATALOG_PATH, type AppCatalog } from 'swerve/client';
import type { DraftFile, ProjectDraft } from '../project/project.ts';
import { EXAMPLE_COMPONENTS } from './example-components.ts';
import { registerSource } from './project-source.ts';

/** Drops `[component.<id>.build]` tables: they build from sources the template does not carry. */
export function withoutBuildSections(manifest: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of manifest.split('\n')) {
    if (/^\s*\[/.test(line)) skipping = /^\s*\[component\.[^\]]+\.build\]\s*$/.test(line);
    if (!skipping) out.push(line);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A page answered by the host itself from spin.toml, without running a component. */
const staticPage = (title: string, text: string) => `
# A page answered by the host itself from this file, without running a component.
[[trigger.http]]
route = "/"
static_response = { status_code = 200, headers = { content-type = "text/html; charset=utf-8" }, body = '<!doctype html><title>${title}</title><h1>${title}</h1><p>${text}</p>' }
`;

/** What each template adds to its example's manifest, its files besides it, its variables. */
const EXTRAS: Record<
  string,
  {
    manifest: string;
    readme: string;
    variables?: Record<string, string>;
    /** Its GET changes data: it starts with re-send on deploy off (ProjectDraft.resendOnDeploy). */
    getChangesData?: true;
  }
> = {
  hello: {
    manifest: staticPage(
      'Hello from spin.toml',
      'Every other path, such as <a href="/greet">/greet</a>, is the component.',
    ),
    readme:
      'A JavaScript component (componentize-js) that says hello on every path but `/`,\nwhich is a `static_response` route: edit it in spin.toml and see the page change.\n',
  },
  echo: {
    manifest: `
[variables]
greeting = { default = "hello" }
api_token = { required = true, secret = true }

[component.echo.variables]
greeting = "{{ greeting }}"
token = "{{ api_token }}"
`,
    readme:
      'Answers with JSON describing exactly the request it received: send it headers and a body.\nIts manifest declares variables; `api_token` is required (set it in Variables).\n',
    variables: { api_token: 'dev-token' },
  },
  'kv-counter': {
    manifest: '',
    getChangesData: true,
    readme:
      "Counts visits per path in Spin's key-value store (`default`): send requests, then look in\nKey-value.\n",
  },
  'todo-api': {
    manifest: staticPage(
      'todo-api',
      'POST JSON such as {&quot;title&quot;: &quot;Buy milk&quot;} to /todos.',
    ),
    readme:
      'A JSON REST API for todos under `/todos`, kept with wasi:keyvalue.\n\n    POST /todos {"title": "Buy milk"}\n    GET /todos, GET|PUT|DELETE /todos/1\n',
  },
};

let catalog: Promise<AppCatalog> | undefined;
function loadCatalog(): Promise<AppCatalog> {
  catalog ??= fetch(CATALOG_PATH, { cache: 'no-cache' }).then((response) => {
    if (!response.ok)
      throw new Error(`The site's app catalog (${CATALOG_PATH}) answered ${response.status}.`);
    return response.json() as Promise<AppCatalog>;
  });
  catalog.catch(() => (catalog = undefined));
  return catalog;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not download ${url}: it answered ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

async function exampleProject(name: string): Promise<ProjectDraft> {
  const app = (await loadCatalog()).apps.find((a) => a.name === name);
  if (!app) throw new Error(`The site publishes no example app named "${name}".`);
  const extra = EXTRAS[name] ?? { manifest: '', readme: '' };
  const manifest = withoutBuildSections(app.manifest) + extra.manifest;
  const components = EXAMPLE_COMPONENTS[name] ?? {};
  const sources = [...manifest.matchAll(/^\[component\.([^\].]+)\]\s*\nsource = "([^"]+)"/gm)];
  const files: DraftFile[] = [{ path: 'spin.toml', text: manifest }];
  for (const [, id, source] of sources) {
    const url = components[id!];
    if (url) files.push({ path: source!, bytes: await fetchBytes(url) });
  }
  if (extra.readme) files.push({ path: 'README.md', text: `# ${name}\n\n${extra.readme}` });
  return {
    name,
    files,
    ...(extra.variables ? { variables: extra.variables } : {}),
    ...(extra.getChangesData ? { resendOnDeploy: false as const } : {}),
  };
}

const DESCRIPTIONS: Record<string, string> = {
  hello: 'A JavaScript component that says hello, plus a static HTML page at / from spin.toml.',
  echo: 'Answers with JSON describing the request it got. Declares variables, one of them required.',
  'kv-counter': "Counts visits per path in Spin's key-value store.",
  'todo-api': 'A JSON REST API for todos, kept with wasi:keyvalue, and a static page.',
};

/** Registers one template per example app. */
export function registerExampleTemplates(): void {
  for (const name of Object.keys(EXAMPLE_COMPONENTS)) {
    registerSource({
      id: `example:${name}`,
      title: name,
      description: DESCRIPTIONS[name] ?? '',
      group: 'template',
      input: { kind: 'none' },
      create: () => exampleProject(name),
    });
  }
}
