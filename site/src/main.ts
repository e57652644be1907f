/**
 * The site's front page: connects to the in-browser host, then lists the example apps from
 * the catalog, each with a form that sends it a request and shows the answer and its timing.
 */
import { connectHost, type AppSummary, type HostConnection } from '@swerve/sw-host/client';
import { describeResponse } from './describe-response.ts';

const status = document.getElementById('host-status')!;
const appsElement = document.getElementById('apps')!;
const cardTemplate = document.getElementById('app-card') as HTMLTemplateElement;

function renderApp(app: AppSummary) {
  const card = cardTemplate.content.firstElementChild!.cloneNode(true) as HTMLElement;
  card.dataset['app'] = app.name;
  card.querySelector('.app-name')!.textContent = app.name;
  card.querySelector('.app-description')!.textContent = app.description;
  const form = card.querySelector('form')!;
  const open = card.querySelector<HTMLAnchorElement>('.open-app')!;
  const pathInput = form.elements.namedItem('path') as HTMLInputElement;
  const url = () => `${app.mount}${pathInput.value.replace(/^\//, '')}`;
  const updateLink = () => (open.href = url());
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
      const response = await fetch(url(), {
        method,
        body: method === 'GET' ? undefined : String(data.get('body')),
      });
      const shown = await describeResponse(response, performance.now() - started);
      summary.textContent = shown.summary;
      headersOut.textContent = shown.headers;
      bodyOut.textContent = shown.body;
      headersOut.hidden = bodyOut.hidden = false;
    } catch (error) {
      summary.textContent = `The request failed: ${String(error)}`;
      summary.classList.add('error');
    }
  });
  appsElement.append(card);
}

async function main() {
  try {
    const host = await connectHost();
    // The connection, for the browser console and for tests: `await swerveHost.apps()`.
    (globalThis as { swerveHost?: HostConnection }).swerveHost = host;
    const apps = await host.apps();
    apps.forEach(renderApp);
    status.textContent = `Host running (build ${host.build}), ${apps.length} apps deployed.`;
    document.body.dataset['host'] = 'ready';
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.classList.add('error');
    document.body.dataset['host'] = 'failed';
  }
}

void main();
