/** Where every kit app serves Swagger UI (whatever its route prefix). */
export const OPENAPI_DOCS_PATH = '/api/docs';
/** Where every kit app serves its OpenAPI document as JSON. */
export const OPENAPI_JSON_PATH = '/api/openapi.json';
