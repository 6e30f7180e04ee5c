import type { ComponentType } from 'preact';
import type { PageProps } from '../router';
// The landing page ships with the shell (no extra round trip on the first load); the others
// are loaded when first shown.
import OperationsPage from '../pages/operations/operations-page';

/** One page of the dashboard. */
export interface PageRoute {
  /** Pattern on the History API path: `/operations/:id` (`:name` is a parameter). */
  path: string;
  /** The page's module, loaded when first shown (each page is its own chunk)… */
  load?: () => Promise<{ default: ComponentType<PageProps> }>;
  /** …or the page itself, for one that ships with the shell (the landing page). */
  component?: ComponentType<PageProps>;
  /** Shown in the navigation when set: label and the path the entry opens. */
  nav?: { label: string; href: string };
  /** The document title (also the page's `<h1>`, which the page renders itself). */
  title: string;
}

/**
 * THE place a page registers itself: add an entry (route + nav) and a folder under pages/.
 * Order is the navigation's order; the first match of a path wins.
 */
export const ROUTES: PageRoute[] = [
  {
    path: '/',
    title: 'Operations',
    component: OperationsPage,
    nav: { label: 'Operations', href: '/' },
  },
  {
    path: '/operations',
    title: 'Operations',
    component: OperationsPage,
  },
  {
    path: '/operations/:id',
    title: 'Operation',
    load: () => import('../pages/operation/operation-page'),
  },
  {
    path: '/data',
    title: 'Data',
    load: () => import('../pages/data/data-page'),
    nav: { label: 'Data', href: '/data' },
  },
  {
    path: '/data/:symbol/:timeframe',
    title: 'Data',
    load: () => import('../pages/data/data-page'),
  },
  {
    path: '/strategies',
    title: 'Strategies',
    load: () => import('../pages/strategies/strategies-page'),
    nav: { label: 'Strategies', href: '/strategies' },
  },
  {
    path: '/models',
    title: 'Models',
    load: () => import('../pages/models/models-page'),
    nav: { label: 'Models', href: '/models' },
  },
  {
    path: '/models/:strategy',
    title: 'Models',
    load: () => import('../pages/models/models-page'),
  },
  {
    path: '/models/:strategy/:version',
    title: 'Models',
    load: () => import('../pages/models/models-page'),
  },
  {
    path: '/system',
    title: 'System',
    load: () => import('../pages/system/system-page'),
    nav: { label: 'System', href: '/system' },
  },
];

/** The route of `path` with its parameters, or null (the page says "not found"). */
export function findRoute(
  path: string,
  match: (pattern: string, path: string) => Record<string, string> | null,
): { route: PageRoute; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (params !== null) return { route, params };
  }
  return null;
}
