import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_CLIENT_INTEGER } from '../operations.constants';

/** socket.io `unsubscribe` payload. */
export class UnsubscribeOperationDto {
  @ApiProperty({ example: 'op_dummy_20260101_120000_0123abcd' })
  @IsNotEmpty()
  @IsString()
  operation_id!: string;
}

/** socket.io `subscribe` payload: follow one operation, resuming after `since_seq`. */
export class SubscribeOperationDto extends UnsubscribeOperationDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_CLIENT_INTEGER,
    description: 'Resume after this seq',
  })
  @IsOptional()
  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  since_seq?: number;
}
