// Single-file components, as the theme imports them (compiled by VitePress's Vue plugin).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
