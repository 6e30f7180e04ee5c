import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotGreaterThanProperty } from '@ktrdr/http-kit';

/**
 * Body of `POST /operations/dummy`. Unknown fields are rejected by the global pipe, which reports
 * one problem per field: decorators run bottom-up, so the type check sits last.
 */
export class StartDummyDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 20 })
  @Max(100000)
  @Min(1)
  @IsInt()
  steps!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 60000,
    description: 'Milliseconds per step',
    example: 100,
  })
  @Max(60000)
  @Min(0)
  @IsInt()
  step_ms!: number;

  /** Fail (code DUMMY_FAILURE) when this step is reached; must be within `steps`. */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'Fail (DUMMY_FAILURE) when this step is reached; at most `steps`',
  })
  @IsOptional()
  @NotGreaterThanProperty('steps')
  @Min(1)
  @IsInt()
  fail_at_step?: number;
}
