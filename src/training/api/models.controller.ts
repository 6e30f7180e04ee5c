import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { ModelList, ModelVersionInfo, PredictResponse } from '@ktrdr/training-engine';
import { PredictDto } from '../dto/predict.dto';
import { ModelsService } from '../models.service';

/** The model registry and predictions (training.md, "API app REST"). */
@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  list(@Query('strategy') strategy?: string): Promise<ModelList> {
    return this.models.list(strategy);
  }

  @Get(':strategy/:version')
  get(
    @Param('strategy') strategy: string,
    @Param('version') version: string,
  ): Promise<ModelVersionInfo> {
    return this.models.get(strategy, version);
  }

  /** Columnar predictions `{ t, signal, p_buy, p_hold, p_sell }` over the asked window. */
  @Post(':strategy/:version/predict')
  @HttpCode(200)
  predict(
    @Param('strategy') strategy: string,
    @Param('version') version: string,
    @Body() dto: PredictDto,
  ): Promise<PredictResponse> {
    return this.models.predict(strategy, version, dto);
  }

  /** Removes a version; the `latest` pointer moves back. */
  @Delete(':strategy/:version')
  @HttpCode(204)
  remove(@Param('strategy') strategy: string, @Param('version') version: string): Promise<void> {
    return this.models.remove(strategy, version);
  }
}
