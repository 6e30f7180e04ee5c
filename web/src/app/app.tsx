import { useEffect } from 'preact/hooks';
import { operationsConnection } from '../live';
import { ConnectionBanner } from './connection-banner';
import { KeyPrompt } from './key-prompt';
import { PageOutlet } from './page-outlet';
import { matchPath, useLocation } from '../router';
import { ROUTES } from './routes';

/** The shell: navigation, connection banner, key prompt, and the current page. */
export function App() {
  const { path } = useLocation();
  useEffect(() => operationsConnection.start(), []);
  const current = ROUTES.find((route) => matchPath(route.path, path) !== null);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <a class="brand" href="/">
          ktrdr
        </a>
        <nav aria-label="Main">
          <ul>
            {ROUTES.filter((route) => route.nav).map((route) => {
              const active =
                route === current || (route.nav?.href === '/' && path.startsWith('/operations'));
              return (
                <li key={route.path}>
                  <a href={route.nav?.href} aria-current={active ? 'page' : undefined}>
                    {route.nav?.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <ConnectionBanner />
      <KeyPrompt />
      <main id="main" tabIndex={-1}>
        <PageOutlet />
      </main>
    </>
  );
}
