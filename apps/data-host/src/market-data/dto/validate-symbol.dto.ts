import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

/** Body of `POST /data/validate`. */
export class ValidateSymbolDto {
  @IsString()
  symbol!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  timeframes?: string[];
}
