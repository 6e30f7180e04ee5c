import { IsInt, Max, Min } from 'class-validator';

/** Body of `POST /bench/firehose`. */
export class FirehoseParamsDto {
  /** Progress updates per millisecond of the firing window (10 → 10,000/s). */
  @Max(100)
  @Min(1)
  @IsInt()
  updates_per_ms!: number;

  /** Length of the firing window. */
  @Max(60_000)
  @Min(1)
  @IsInt()
  fire_ms!: number;

  /** Quiet time after the last update before the operation completes. */
  @Max(10_000)
  @Min(0)
  @IsInt()
  hold_ms!: number;
}
