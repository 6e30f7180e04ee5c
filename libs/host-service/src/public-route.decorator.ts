import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link PublicRoute}. */
export const HOST_PUBLIC_ROUTE = 'ktrdr:host-public-route';

/** Marks a handler or controller as reachable without the host's API key (health checks). */
export const PublicRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(HOST_PUBLIC_ROUTE, true);
