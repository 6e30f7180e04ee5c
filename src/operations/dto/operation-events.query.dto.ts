import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toInteger } from '@ktrdr/http-kit';
import { MAX_CLIENT_INTEGER } from '../operations.constants';

/** Query of `GET /operations/:id/events`: resume after `since_seq` (Last-Event-ID wins). */
export class OperationEventsQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_CLIENT_INTEGER,
    description: 'Resume after this seq (the `Last-Event-ID` header wins)',
  })
  @IsOptional()
  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  since_seq?: number;
}
