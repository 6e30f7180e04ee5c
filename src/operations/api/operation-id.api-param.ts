import { ApiErrorResponses } from '@ktrdr/http-kit';
import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** Documents the `:id` of an operation route and its 404. */
export const ApiOperationIdParam = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiParam({
      name: 'id',
      description: '`op_{type}_{YYYYMMDD}_{HHMMSS}_{8 hex}`',
      example: 'op_dummy_20260101_120000_0123abcd',
    }),
    ApiErrorResponses({
      404: 'No operation has this id; a malformed id too (OPERATION_NOT_FOUND)',
    }),
  );
