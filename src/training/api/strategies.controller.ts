import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { StrategyDetail, StrategySummary, StrategyValidation } from '@ktrdr/training-engine';
import { readTextBody } from '../../data';
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
@Controller('strategies')
export class StrategiesController {
  constructor(private readonly strategies: StrategiesService) {}

  @Get()
  list(): Promise<StrategySummary[]> {
    return this.strategies.list();
  }

  /** A YAML body (text/yaml or text/plain): 200 with every problem and its path. */
  @Post('validate')
  @HttpCode(200)
  async validate(@Req() req: IncomingMessage): Promise<StrategyValidation> {
    return this.strategies.validate(await readTextBody(req, STRATEGY_LIMIT_BYTES, YAML_TYPES));
  }

  /** One strategy with its validation problems; 404 unknown, 400 a name that could escape. */
  @Get(':name')
  get(@Param('name') name: string): Promise<StrategyDetail> {
    return this.strategies.get(name);
  }
}
