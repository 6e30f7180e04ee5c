// The JSON this lib puts on the wire, types only: the dashboard (web/tsconfig.json) maps
// `@ktrdr/async-infrastructure` here, so the page reads the server's own types and no Node code.
export type { ProgressSnapshot } from './progress/progress.types';
