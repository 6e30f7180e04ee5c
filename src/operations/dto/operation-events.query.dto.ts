import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { toInteger } from '../../common';

/** Query of `GET /operations/:id/events`: resume after `since_seq` (Last-Event-ID wins). */
export class OperationEventsQueryDto {
  @IsOptional()
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  since_seq?: number;
}
