import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { DASHBOARD_DIR } from './dashboard.constants';
import { locateDashboard } from './dashboard-location';

/**
 * Paths that are never the page: the API (`/api/v1`, `/api/docs`, `/api/openapi.json`),
 * `/health`, socket.io, and missing `/assets/…` files. Everything else that no route answers
 * gets `index.html`, so the page's own URLs (`/operations/op_…`) load it.
 */
export const NOT_THE_PAGE = /^\/(api|health|socket\.io|assets)(\/|$)/;

/** Hashed assets never change; index.html is revalidated so a new build is picked up. */
function setCacheHeaders(res: ServerResponse, file: string): void {
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built dashboard (`dist/web`) at `/` with `@nestjs/serve-static`, after the API's
 * routes. Without a build the module serves nothing and `DASHBOARD_DIR` is null (main.ts says
 * the page is not built).
 */
@Module({})
export class DashboardModule {
  static register(dir: string | null = locateDashboard()): DynamicModule {
    const provider = { provide: DASHBOARD_DIR, useValue: dir };
    if (dir === null) {
      return { module: DashboardModule, providers: [provider], exports: [provider] };
    }
    return {
      module: DashboardModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: dir,
          exclude: NOT_THE_PAGE,
          serveStaticOptions: { index: 'index.html', setHeaders: setCacheHeaders },
        }),
      ],
      providers: [provider],
      exports: [provider],
    };
  }
}
