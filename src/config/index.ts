export { AppConfig, type HostServiceRouting, type MarketDataSettings } from './app-config';
export { AppConfigModule } from './app-config.module';
export { EnvironmentVariables } from './environment-variables';
export { EnvValidationError, validateEnv, type ValidatedEnvironment } from './env.validation';
