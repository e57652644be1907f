/**
 * jco's generator (`@bytecodealliance/jco-transpile/component`) starts fetching and compiling its
 * 3.5 MB of Wasm the moment its module is evaluated: in the service worker, at every start, even
 * where nothing is ever transpiled (a site's published components, the playground's runner). On a
 * first visit that download competes with the app's own component for the line. This plugin makes
 * its `$init` lazy: a thenable that starts the same work the first time it is awaited
 * (component/transpile-component.ts awaits it before each transpile).
 */
import type { Plugin } from 'vite';

const GENERATOR_MODULE = /jco-transpile[\\/]vendor[\\/]js-component-bindgen-component\.js$/;
const EAGER_START = 'export const $init = (() => {';
const EAGER_END = /\n\}\)\(\);\n(\s*export \{ generate)/;

export function lazyJcoGenerator(): Plugin {
  return {
    name: 'swerve-lazy-jco-generator',
    transform(code, id) {
      if (!GENERATOR_MODULE.test(id)) return undefined;
      const starts = code.split(EAGER_START).length - 1;
      if (starts !== 1 || !EAGER_END.test(code)) {
        // A jco release that changed its module's shape: fail the build rather than ship the
        // eager download unnoticed, or a broken generator.
        throw new Error(
          `lazy-jco-generator: ${id} no longer has one "${EAGER_START}" ... "})();" before its exports. ` +
            "Update sw-host/src/vite-plugin/lazy-jco-generator.ts to jco's new generator module.",
        );
      }
      // No source map of its own: two lines change, the generator's own code keeps its lines.
      const lazy = code
        .replace(EAGER_START, 'const $initNow = () => {')
        .replace(
          EAGER_END,
          '\n};\nlet $initStarted;\n' +
            'export const $init = { then: (ok, fail) => ($initStarted ??= Promise.resolve($initNow())).then(ok, fail) };\n$1',
        );
      return { code: lazy, map: null };
    },
  };
}
