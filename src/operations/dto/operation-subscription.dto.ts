import { IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';

/** socket.io `unsubscribe` payload. */
export class UnsubscribeOperationDto {
  @IsNotEmpty()
  @IsString()
  operation_id!: string;
}

/** socket.io `subscribe` payload: follow one operation, resuming after `since_seq`. */
export class SubscribeOperationDto extends UnsubscribeOperationDto {
  @IsOptional()
  @Min(0)
  @IsInt()
  since_seq?: number;
}
