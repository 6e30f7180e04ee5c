import type { BarValidationResult } from '../series/bar-validation.types';
import type { ImportRejections } from './import-rejections';

/** What an import did. */
export interface ImportResult {
  /** Bars taken from the file. */
  imported: number;
  /** Bars in the cached series after the merge. */
  merged_total: number;
  /** Rows left out (daily/weekly rows on a day without a session): counts and examples. */
  rejected: ImportRejections;
  /** Validation of the imported bars (before repair). */
  validation: BarValidationResult;
}
