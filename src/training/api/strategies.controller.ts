import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '@ktrdr/http-kit';
import type { StrategyDetail, StrategySummary, StrategyValidation } from '@ktrdr/training-engine';
import { readTextBody } from '../../data';
import {
  StrategyDetailDto,
  StrategySummaryDto,
  StrategyValidationDto,
} from '../dto/training.responses';
import { StrategiesService } from '../strategies.service';

const YAML_TYPES = [
  'text/yaml',
  'application/yaml',
  'application/x-yaml',
  'text/x-yaml',
  'text/plain',
];
const STRATEGY_LIMIT_BYTES = 1024 * 1024;

/** Strategy files (training.md, "API app REST"). */
@ApiTags('training')
@Controller('strategies')
export class StrategiesController {
  constructor(private readonly strategies: StrategiesService) {}

  @Get()
  @ApiOperation({ summary: 'Every strategy file, with its validity and problems' })
  @ApiOkResponse({ description: 'The strategies', type: [StrategySummaryDto] })
  list(): Promise<StrategySummary[]> {
    return this.strategies.list();
  }

  /** A YAML body (text/yaml or text/plain): 200 with every problem and its path. */
  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate a strategy YAML text (nothing is stored)' })
  @ApiConsumes(...YAML_TYPES)
  @ApiBody({ description: 'The strategy file, at most 1 MiB', schema: { type: 'string' } })
  @ApiOkResponse({
    description: 'Valid or not, with every problem and its path',
    type: StrategyValidationDto,
  })
  @ApiErrorResponses({
    413: 'Larger than 1 MiB (PAYLOAD_TOO_LARGE)',
    415: 'Not a YAML or text/plain body (UNSUPPORTED_MEDIA_TYPE)',
  })
  async validate(@Req() req: IncomingMessage): Promise<StrategyValidation> {
    return this.strategies.validate(await readTextBody(req, STRATEGY_LIMIT_BYTES, YAML_TYPES));
  }

  /** One strategy with its validation problems; 404 unknown, 400 a name that could escape. */
  @Get(':name')
  @ApiOperation({ summary: 'One strategy file, its problems and, when valid, the parsed strategy' })
  @ApiParam({ name: 'name', description: 'The file name without .yaml' })
  @ApiOkResponse({ description: 'The strategy', type: StrategyDetailDto })
  @ApiErrorResponses({
    400: 'A name that is not `[A-Za-z0-9][A-Za-z0-9_-]*` (INVALID_STRATEGY_NAME)',
    404: 'No strategy file has this name (STRATEGY_NOT_FOUND)',
  })
  get(@Param('name') name: string): Promise<StrategyDetail> {
    return this.strategies.get(name);
  }
}
