import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '@ktrdr/http-kit';
import type { ModelList, ModelVersionDetail, PredictResponse } from '@ktrdr/training-engine';
import { PredictDto } from '../dto/predict.dto';
import { ModelListDto, ModelVersionDetailDto, PredictResponseDto } from '../dto/training.responses';
import { ModelsService } from '../models.service';

const BAD_VERSION = 'A strategy or version that is not a valid name (INVALID_MODEL_VERSION)';
const NO_MODEL = 'No such stored version (MODEL_NOT_FOUND)';

/** The `:strategy/:version` of a model route. */
const ApiModelParams = (): MethodDecorator =>
  applyDecorators(
    ApiParam({ name: 'strategy', example: 'neuro_mean_reversion' }),
    ApiParam({ name: 'version', description: '`{SYMBOLS}_{TFS}_v{N}`', example: 'AAPL_1h_v3' }),
  );

/** The model registry and predictions (training.md, "API app REST"). */
@ApiTags('training')
@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @ApiOperation({ summary: 'Stored model versions, oldest first per strategy' })
  @ApiQuery({ name: 'strategy', required: false, description: 'Only this strategy' })
  @ApiOkResponse({ description: 'The versions', type: ModelListDto })
  list(@Query('strategy') strategy?: string): Promise<ModelList> {
    return this.models.list(strategy);
  }

  @Get(':strategy/:version')
  @ApiOperation({
    summary: 'One stored model version with its test metrics and training curves (per epoch)',
  })
  @ApiModelParams()
  @ApiOkResponse({ description: 'The version', type: ModelVersionDetailDto })
  @ApiErrorResponses({ 400: BAD_VERSION, 404: NO_MODEL })
  get(
    @Param('strategy') strategy: string,
    @Param('version') version: string,
  ): Promise<ModelVersionDetail> {
    return this.models.get(strategy, version);
  }

  /** Columnar predictions `{ t, signal, p_buy, p_hold, p_sell }` over the asked window. */
  @Post(':strategy/:version/predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict BUY/HOLD/SELL per bar of a window with a stored model' })
  @ApiModelParams()
  @ApiOkResponse({
    description: 'Columnar predictions; `t` in epoch ms UTC',
    type: PredictResponseDto,
  })
  @ApiErrorResponses({
    400:
      'A bad body or path (VALIDATION_FAILED, INVALID_JSON, INVALID_MODEL_VERSION, INVALID_SYMBOL, ' +
      'INVALID_TIMEFRAME, INVALID_DATE_RANGE), a symbol the model was not trained on without ' +
      '`force` (SYMBOL_NOT_IN_MODEL), or a timeframe the model does not use (INVALID_TRAINING_REQUEST)',
    404: `${NO_MODEL}, or no bars for the symbol in the window (NO_DATA_FOR_SYMBOL)`,
  })
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
  @ApiOperation({ summary: 'Delete a stored version; the `latest` pointer moves back' })
  @ApiModelParams()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses({ 400: BAD_VERSION, 404: NO_MODEL })
  remove(@Param('strategy') strategy: string, @Param('version') version: string): Promise<void> {
    return this.models.remove(strategy, version);
  }
}
