import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

/**
 * Documents a route's error answers, each with the `ErrorResponse` body, as
 * `{ status: 'what happens (CODES)' }`. 401 (key routes) and 500 (every route) are added to the
 * document by the kit; name the rest here.
 *
 * @example
 * \@ApiErrorResponses({ 404: 'No operation has this id (OPERATION_NOT_FOUND)' })
 */
export function ApiErrorResponses(
  responses: Readonly<Record<number, string>>,
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(responses).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: ErrorResponseDto }),
    ),
  );
}
