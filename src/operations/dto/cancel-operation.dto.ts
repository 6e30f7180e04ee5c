import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Optional reason of `DELETE /operations/:id`, in the JSON body or the query string. */
export class CancelOperationDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'user' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  reason?: string;
}
