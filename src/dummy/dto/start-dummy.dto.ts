import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotGreaterThanProperty } from '../../common';

/** Body of `POST /operations/dummy`. Unknown fields are rejected by the global pipe. */
export class StartDummyDto {
  @IsInt()
  @Min(1)
  @Max(100000)
  steps!: number;

  @IsInt()
  @Min(0)
  @Max(60000)
  step_ms!: number;

  /** Fail (code DUMMY_FAILURE) when this step is reached; must be within `steps`. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @NotGreaterThanProperty('steps')
  fail_at_step?: number;
}
