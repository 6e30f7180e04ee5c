import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_CLIENT_INTEGER } from '../operations.constants';

/** socket.io `unsubscribe` payload. */
export class UnsubscribeOperationDto {
  @IsNotEmpty()
  @IsString()
  operation_id!: string;
}

/** socket.io `subscribe` payload: follow one operation, resuming after `since_seq`. */
export class SubscribeOperationDto extends UnsubscribeOperationDto {
  @IsOptional()
  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  since_seq?: number;
}
