/**
 * The original components of the site's example apps, emitted by the playground's build (the
 * site publishes only their transpiled form, which a deploy cannot take and `spin up` cannot run).
 */
import echo from '../../../../components/examples/echo/dist/echo.wasm?url';
import hello from '../../../../components/examples/hello/dist/hello.wasm?url';
import kvCounter from '../../../../components/examples/kv-counter/dist/kv-counter.wasm?url';
import todoApi from '../../../../components/examples/todo-api/dist/todo-api.wasm?url';

/** App name → component id → URL of its .wasm. */
export const EXAMPLE_COMPONENTS: Record<string, Record<string, string>> = {
  hello: { hello },
  echo: { echo },
  'kv-counter': { 'kv-counter': kvCounter },
  'todo-api': { 'todo-api': todoApi },
};
