/**
 * Application and component variables: deploy-time resolution, `{{ }}` templates, and the
 * answers `fermyon:spin/variables` and `wasi:config/store` give a guest.
 */
export { variableNameProblem } from './variable-name.ts';
export {
  parseTemplate,
  expandTemplate,
  templateVariables,
  isLiteralTemplate,
  type TemplatePart,
  type ParsedTemplate,
} from './template.ts';
export { overrideKeyToName, envNameFor, type VariableOverrides } from './overrides.ts';
export {
  resolveApplicationVariables,
  resolveComponentVariables,
  type ApplicationVariableValues,
  type ComponentVariables,
} from './resolve.ts';
export {
  spinVariablesGet,
  wasiConfigGet,
  wasiConfigGetAll,
  type WitResult,
  type SpinVariablesError,
  type WasiConfigError,
} from './guest-api.ts';
