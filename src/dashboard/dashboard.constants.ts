/** Injection token: the folder the dashboard is served from, or null when it is not built. */
export const DASHBOARD_DIR = Symbol('DASHBOARD_DIR');
