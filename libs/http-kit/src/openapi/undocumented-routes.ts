import { METHODS } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_DOCS_PATH, OPENAPI_JSON_PATH } from './open-api.constants';

/** One route of the app's Express router, in OpenAPI form: `GET /api/v1/operations/{id}`. */
export type RouteKey = `${Uppercase<string>} /${string}`;

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every method + path the app's Express router serves (an initialised app), `:param` written
 * `{param}`, without the docs' own routes. Reads Express's router, not Nest's metadata, so a
 * route registered any other way shows up too. A route bound to every method is skipped: that
 * is how Nest mounts middleware (`forRoutes('*path')`), not an operation.
 */
export function listHttpRoutes(app: NestExpressApplication): RouteKey[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const routes = new Set<RouteKey>();
  for (const { route } of express.router.stack) {
    if (route === undefined || METHODS.every((m) => route.methods[m.toLowerCase()])) continue;
    for (const path of [route.path].flat()) {
      if (path.startsWith(OPENAPI_DOCS_PATH) || path === OPENAPI_JSON_PATH) continue;
      for (const [method, on] of Object.entries(route.methods)) {
        if (on && method !== '_all') routes.add(routeKey(method, path));
      }
    }
  }
  return [...routes].sort();
}

/** The app's routes ({@link listHttpRoutes}) missing from `document.paths`; `[]` when none. */
export function undocumentedRoutes(
  app: NestExpressApplication,
  document: Pick<OpenAPIObject, 'paths'>,
): RouteKey[] {
  const documented = new Set<RouteKey>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) documented.add(routeKey(method, path));
  }
  return listHttpRoutes(app).filter((route) => !documented.has(route));
}

function routeKey(method: string, path: string): RouteKey {
  const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return `${method.toUpperCase() as Uppercase<string>} ${openApiPath.startsWith('/') ? '' : '/'}${openApiPath}` as RouteKey;
}
