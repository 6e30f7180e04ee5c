import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';
import {
  type BarValidationResult,
  type CachedSymbol,
  type CachedTimeframe,
  type ColumnarBars,
  type ColumnarBarsPage,
  type CsvImportResult,
  type ImportRejections,
  type SeriesRange,
  type SymbolList,
  type TimeframeList,
  TIMEFRAMES,
  type Timeframe,
} from '@ktrdr/market-data';

// OpenAPI schemas of the data routes' answers. Each implements its wire type (what the CLI
// reads), so the compiler keeps the two in step.

const column = (description: string) => ApiProperty({ description, type: [Number] });
const timeframe = () => ApiProperty({ enum: TIMEFRAMES, example: '1h' });

export class ColumnarBarsDto implements ColumnarBars {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @timeframe()
  timeframe!: Timeframe;
  @ApiProperty({ type: 'integer', minimum: 0 })
  count!: number;
  @ApiProperty({ description: 'Bar open time, epoch ms UTC', type: 'integer', isArray: true })
  t!: number[];
  @column('Open')
  o!: number[];
  @column('High')
  h!: number[];
  @column('Low')
  l!: number[];
  @column('Close')
  c!: number[];
  @column('Volume')
  v!: number[];
}

export class ColumnarBarsPageDto extends ColumnarBarsDto implements ColumnarBarsPage {
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: "The next page's `start` (same `end` and `limit`); null at the end of the window",
  })
  next!: string | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description:
      "Only with `before`: the older page's `before` (this page's first bar); null when " +
      'nothing older is in the window',
  })
  previous?: string | null;
}

export class SeriesRangeDto implements SeriesRange {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @timeframe()
  timeframe!: Timeframe;
  @ApiProperty({ format: 'date-time', description: 'First bar open time' })
  first!: string;
  @ApiProperty({ format: 'date-time', description: 'Last bar open time' })
  last!: string;
  @ApiProperty({ type: 'integer', minimum: 0 })
  count!: number;
}

/** A cached series: its range, or `unreadable` with the error reading it gives. */
const CACHED_TIMEFRAME_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      required: ['timeframe', 'status', 'first', 'last', 'count'],
      properties: {
        timeframe: { type: 'string', enum: [...TIMEFRAMES] },
        status: { type: 'string', enum: ['ok'] },
        first: { type: 'string', format: 'date-time' },
        last: { type: 'string', format: 'date-time' },
        count: { type: 'integer' },
      },
    },
    {
      type: 'object',
      required: ['timeframe', 'status', 'error'],
      properties: {
        timeframe: { type: 'string', enum: [...TIMEFRAMES] },
        status: { type: 'string', enum: ['unreadable'] },
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', example: 'CACHE_CORRUPT' },
            message: { type: 'string' },
          },
        },
      },
    },
  ],
  discriminator: { propertyName: 'status' },
};

export class CachedSymbolDto implements CachedSymbol {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ type: 'array', items: CACHED_TIMEFRAME_SCHEMA })
  timeframes!: CachedTimeframe[];
}

export class SymbolListDto implements SymbolList {
  @ApiProperty({ type: [CachedSymbolDto] })
  symbols!: CachedSymbolDto[];
}

export class TimeframeListDto implements TimeframeList {
  @ApiProperty({ enum: TIMEFRAMES, isArray: true })
  timeframes!: readonly Timeframe[];
}

export class CsvImportResultDto implements CsvImportResult {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @timeframe()
  timeframe!: Timeframe;
  @ApiProperty({ type: 'integer', description: 'Bars taken from the file' })
  imported!: number;
  @ApiProperty({ type: 'integer', description: 'Bars in the cached series after the merge' })
  merged_total!: number;
  @ApiProperty({
    description: 'Rows left out: `{ total, by_reason, examples }`',
    type: 'object',
    additionalProperties: true,
  })
  rejected!: ImportRejections;
  @ApiProperty({
    description: 'Validation of the imported bars: `{ issues, total_errors, total_warnings }`',
    type: 'object',
    additionalProperties: true,
  })
  validation!: BarValidationResult;
}
