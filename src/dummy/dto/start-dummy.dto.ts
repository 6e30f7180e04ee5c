import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotGreaterThanProperty } from '@ktrdr/http-kit';

/**
 * Body of `POST /operations/dummy`. Unknown fields are rejected by the global pipe, which reports
 * one problem per field: decorators run bottom-up, so the type check sits last.
 */
export class StartDummyDto {
  @Max(100000)
  @Min(1)
  @IsInt()
  steps!: number;

  @Max(60000)
  @Min(0)
  @IsInt()
  step_ms!: number;

  /** Fail (code DUMMY_FAILURE) when this step is reached; must be within `steps`. */
  @IsOptional()
  @NotGreaterThanProperty('steps')
  @Min(1)
  @IsInt()
  fail_at_step?: number;
}
