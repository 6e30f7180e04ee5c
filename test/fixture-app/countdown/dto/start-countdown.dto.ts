import { IsInt, Max, Min } from 'class-validator';

/** Body of `POST /fixture/countdown` (type checks last: decorators run bottom-up). */
export class StartCountdownDto {
  @Max(10000)
  @Min(1)
  @IsInt()
  from!: number;

  @Max(10000)
  @Min(0)
  @IsInt()
  tick_ms!: number;
}
