import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ErrorResponseBody } from '../errors/error-response';

/**
 * The OpenAPI schema (`ErrorResponse`) of every 4xx/5xx body. It implements the wire type
 * {@link ErrorResponseBody}, so the compiler keeps the two in step.
 */
@ApiSchema({ name: 'ErrorResponse' })
export class ErrorResponseDto implements ErrorResponseBody {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 404 })
  statusCode!: number;

  @ApiProperty({ description: 'The status reason phrase', example: 'Not Found' })
  error!: string;

  @ApiProperty({
    description: 'What went wrong; for validation errors, one line per invalid field',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'Operation op_dummy_20260101_120000_0123abcd not found',
  })
  message!: string | string[];

  @ApiProperty({
    description: 'Machine-readable code (UPPER_SNAKE)',
    example: 'OPERATION_NOT_FOUND',
  })
  code!: string;

  @ApiPropertyOptional({
    description: 'Structured extra information (a head timestamp, a pacing wait…)',
    type: 'object',
    additionalProperties: true,
  })
  details?: unknown;

  @ApiPropertyOptional({
    description: 'Only on 500: the request id under which the stack was logged',
    format: 'uuid',
  })
  correlation_id?: string;
}
