import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { matchPath, useLocation, type PageProps } from '../router';
import { findRoute, type PageRoute } from './routes';

const loaded = new Map<PageRoute, ComponentType<PageProps>>();

/** Renders the page of the current path, loading its chunk on first use. */
export function PageOutlet() {
  const { path } = useLocation();
  const found = findRoute(path, matchPath);
  const [, setVersion] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const route = found?.route;

  useEffect(() => {
    document.title = route ? `${route.title} · ktrdr` : 'Not found · ktrdr';
    if (!route?.load || route.component || loaded.has(route)) return;
    let live = true;
    setFailed(null);
    route
      .load()
      .then((module) => {
        loaded.set(route, module.default);
        if (live) setVersion((version) => version + 1);
      })
      .catch((error: unknown) => {
        if (live) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      live = false;
    };
  }, [route]);

  if (!found) {
    return (
      <section>
        <h1>Not found</h1>
        <p>
          No page at <code>{path}</code>. <a href="/">Operations</a>
        </p>
      </section>
    );
  }
  if (failed !== null) return <p role="alert">The page could not be loaded: {failed}</p>;
  const Page = found.route.component ?? loaded.get(found.route);
  if (!Page) return <p aria-busy="true">Loading…</p>;
  // Keyed by path: another operation id is a fresh page, not a stale one with new props.
  return <Page key={path} params={found.params} />;
}
