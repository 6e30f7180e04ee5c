import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'ktrdr:public';

/** Opens a route (or a whole controller) to callers without the API key, e.g. health. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
