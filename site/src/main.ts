/**
 * The site's front page: lists the example apps from the catalog, each with a form that sends it
 * a request and shows the answer and its timing. Each app runs at an origin of its own; this
 * page reaches it through that origin's host page (connectApp), and never runs app code itself.
 */
import {
  appOriginFor,
  connectApp,
  CATALOG_PATH,
  type AppCatalog,
  type CatalogApp,
  type HostConnection,
} from 'swerve/client';
import { describeResponse } from './describe-response.ts';
import { defaultPath, isExample } from './front-page-requests.ts';

const status = document.getElementById('host-status')!;
const appsElement = document.getElementById('apps')!;
const cardTemplate = document.getElementById('app-card') as HTMLTemplateElement;

/** One connection per app, made on first use. */
const connections = new Map<string, Promise<HostConnection>>();
function connection(name: string): Promise<HostConnection> {
  let connecting = connections.get(name);
  if (!connecting) {
    connecting = connectApp(name);
    connecting.catch(() => connections.delete(name));
    connections.set(name, connecting);
  }
  return connecting;
}

function renderApp(app: CatalogApp) {
  const card = cardTemplate.content.firstElementChild!.cloneNode(true) as HTMLElement;
  card.dataset['app'] = app.name;
  card.querySelector('.app-name')!.textContent = app.name;
  card.querySelector('.app-description')!.textContent = app.description;
  const form = card.querySelector('form')!;
  const open = card.querySelector<HTMLAnchorElement>('.open-app')!;
  const pathInput = form.elements.namedItem('path') as HTMLInputElement;
  pathInput.value = defaultPath(app.name);
  const path = () => `/${pathInput.value.replace(/^\//, '')}`;
  const updateLink = () => (open.href = `${appOriginFor(app.name)}${path()}`);
  pathInput.addEventListener('input', updateLink);
  updateLink();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const method = String(data.get('method'));
    const output = card.querySelector<HTMLElement>('.app-response')!;
    const summary = output.querySelector('.response-summary')!;
    const headersOut = output.querySelector<HTMLElement>('.response-headers')!;
    const bodyOut = output.querySelector<HTMLElement>('.response-body')!;
    output.hidden = false;
    summary.textContent = 'Waiting for the component…';
    summary.classList.remove('error');
    headersOut.hidden = bodyOut.hidden = true;
    const started = performance.now();
    try {
      const host = await connection(app.name);
      const response = await host.fetch(path(), {
        method,
        body: method === 'GET' ? undefined : String(data.get('body')),
      });
      const shown = await describeResponse(response, performance.now() - started);
      summary.textContent = shown.summary;
      headersOut.textContent = shown.headers;
      bodyOut.textContent = shown.body;
      headersOut.hidden = bodyOut.hidden = false;
    } catch (error) {
      summary.textContent = `The request failed: ${error instanceof Error ? error.message : String(error)}`;
      summary.classList.add('error');
    }
  });
  appsElement.append(card);
}

async function main() {
  try {
    const response = await fetch(CATALOG_PATH, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`The app catalog (${CATALOG_PATH}) answered ${response.status}.`);
    const catalog = (await response.json()) as AppCatalog;
    const examples = catalog.apps.filter((app) => isExample(app.name));
    examples.forEach(renderApp);
    status.textContent = `${examples.length} apps, each running in your browser at an origin of its own (build ${catalog.build}).`;
    document.body.dataset['host'] = 'ready';
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.classList.add('error');
    document.body.dataset['host'] = 'failed';
  }
}

void main();
