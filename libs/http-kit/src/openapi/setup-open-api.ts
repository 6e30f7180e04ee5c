import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ApiKeyHeader, HttpKitSettings, OpenApiOptions } from '../http-kit.options';
import { ErrorResponseDto } from './error-response.dto';
import { OPENAPI_DOCS_PATH, OPENAPI_JSON_PATH } from './open-api.constants';
import { operationId, publicOperationIds } from './public-operations';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const KEY_NOTE = 'Required on every route but the public ones when the app runs with an API key.';

/** The security scheme of each header the key may come in (same order as the guard). */
const SCHEMES: Record<ApiKeyHeader, { name: string; add: (b: DocumentBuilder) => void }> = {
  authorization: {
    name: 'bearer',
    add: (builder) =>
      builder.addBearerAuth({ type: 'http', scheme: 'bearer', description: KEY_NOTE }, 'bearer'),
  },
  'x-api-key': {
    name: 'api-key',
    add: (builder) =>
      builder.addApiKey(
        { type: 'apiKey', in: 'header', name: 'x-api-key', description: KEY_NOTE },
        'api-key',
      ),
  },
};

/**
 * Serves the app's OpenAPI document (built on first request, after every route is known):
 * Swagger UI at {@link OPENAPI_DOCS_PATH}, JSON at {@link OPENAPI_JSON_PATH}. Both are plain
 * HTTP routes outside Nest's router, so the API-key guard does not apply: the docs are public.
 */
export function setupOpenApi(app: NestExpressApplication, settings: HttpKitSettings): void {
  const options = settings.openApi;
  if (options === null) return;
  SwaggerModule.setup(OPENAPI_DOCS_PATH, app, () => buildOpenApiDocument(app, settings, options), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: options.title,
  });
}

/**
 * The document of `app`: every route with the decorators' schemas, the API-key schemes as the
 * default security, `security: []` on `@Public()` routes, and the kit's own answers on each
 * operation (401 on routes needing the key, 500 everywhere) with the `ErrorResponse` body.
 */
export function buildOpenApiDocument(
  app: NestExpressApplication,
  settings: HttpKitSettings,
  options: OpenApiOptions,
): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle(options.title).setVersion(options.version ?? '1');
  if (options.description !== undefined) builder.setDescription(options.description);
  for (const header of settings.apiKeyHeaders) {
    SCHEMES[header].add(builder);
    builder.addSecurityRequirements(SCHEMES[header].name);
  }
  for (const [key, value] of Object.entries(options.extensions ?? {})) {
    builder.addExtension(key, value);
  }
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorResponseDto, ...(options.extraModels ?? [])],
    operationIdFactory: operationId,
  });
  const publicIds = publicOperationIds(app);
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      if (publicIds.has(operation.operationId ?? '')) operation.security = [];
      else operation.responses['401'] ??= error('API key missing or wrong (UNAUTHORIZED)');
      operation.responses['500'] ??= error(
        'Unexpected error (INTERNAL_ERROR); `correlation_id` names the logged stack',
      );
    }
  }
  return document;
}
