export { createFixtureApp, type FixtureApp } from './create-fixture-app';
export { FixtureAppModule, type FixtureAppOptions } from './fixture-app.module';
export { COUNTDOWN_PLAN, CountdownOperation } from './countdown/countdown.operation';
export { CountdownRenderer } from './countdown/countdown.renderer';
export { CountdownTicker } from './countdown/countdown-ticker.service';
export type {
  CountdownParams,
  CountdownPartialResult,
  CountdownResult,
} from './countdown/countdown.types';
