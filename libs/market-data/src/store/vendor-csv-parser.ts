import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type Options as CsvParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { InvalidCsvError } from './csv-bar-parser';
import { type VendorCsvOptions, type VendorCsvResult, VendorRowReader } from './vendor-row-reader';

export type { VendorCsvOptions, VendorCsvResult } from './vendor-row-reader';

/** Bytes read to find the header line before giving up on it. */
const MAX_HEADER_BYTES = 64 * 1024;
const LF = 10;
/** Records read between two turns of the event loop. */
const RECORDS_PER_TURN = 500;

/**
 * Reads a CSV file from any vendor (through csv-parse): delimiter `,` `;` or tab (from the
 * header line), header names case-insensitive (`Open`, `<OPEN>`, `Adj Close` ignored); the time
 * from one of `timestamp|datetime|date|time|gmt time` or from separate `date` + `time` columns,
 * in any format `parseVendorTime` knows (epoch s/ms, ISO with offsets → UTC…) and within the
 * years 1900–2199; volume optional (0 when absent). Daily bars are stamped at their session's
 * open and weekly bars at their week's first session open, as the cache stores them; rows on a
 * day without a session are left out and tallied in `rejected`. A bad row throws
 * {@link InvalidCsvError} naming its line. For large files see {@link parseVendorCsvStream}.
 */
export function parseVendorCsv(input: string | Buffer, options: VendorCsvOptions): VendorCsvResult {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  let records: string[][];
  try {
    records = parseSync(text, csvOptions(headerLine(text)));
  } catch (error) {
    throw new InvalidCsvError((error as Error).message, undefined, options.source);
  }
  const rows = new RowFeed(options);
  for (const record of records) rows.add(record);
  return rows.result();
}

/**
 * {@link parseVendorCsv} over a stream of chunks (a request body, a file stream): parsed as the
 * chunks arrive, so the file is never held as one string and the event loop runs between
 * chunks. Memory grows with the bars read, not with the text.
 */
export async function parseVendorCsvStream(
  chunks: AsyncIterable<Buffer | string>,
  options: VendorCsvOptions,
): Promise<VendorCsvResult> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    headBytes += chunk.length;
    if (chunk.includes(LF) || headBytes >= MAX_HEADER_BYTES) break;
  }
  const start = Buffer.concat(head);
  async function* all(): AsyncGenerator<Buffer | string> {
    yield start;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  }
  const rows = new RowFeed(options);
  try {
    await pipeline(
      all(),
      parse(csvOptions(headerLine(start.subarray(0, MAX_HEADER_BYTES).toString('utf8')))),
      async (records: AsyncIterable<string[]>) => {
        // Records of a chunk already parsed arrive without a turn of the event loop: give
        // other requests one every so often.
        let untilTurn = RECORDS_PER_TURN;
        for await (const record of records) {
          rows.add(record);
          if (--untilTurn === 0) {
            untilTurn = RECORDS_PER_TURN;
            await nextTurn();
          }
        }
      },
    );
  } catch (error) {
    if (error instanceof InvalidCsvError) throw error;
    throw new InvalidCsvError((error as Error).message, undefined, options.source);
  }
  return rows.result();
}

/**
 * Feeds records to a VendorRowReader, the first being the header, counting lines (blank
 * lines come through as `['']` and are skipped here: csv-parse's per-record `info`, the other
 * way to know the line, costs more than the rest of the parse).
 */
class RowFeed {
  private reader: VendorRowReader | undefined;
  private line = 0;

  constructor(private readonly options: VendorCsvOptions) {}

  add(record: string[]): void {
    this.line += 1;
    if (record.length === 1 && record[0] === '') return;
    if (this.reader) this.reader.add(record, this.line);
    else this.reader = new VendorRowReader(record, this.options);
  }

  result(): VendorCsvResult {
    if (!this.reader) throw new InvalidCsvError('the file is empty', 1, this.options.source);
    return this.reader.result();
  }
}

function headerLine(text: string): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

/** csv-parse options, the delimiter being whichever of `,` `;` tab splits the header most. */
function csvOptions(header: string): CsvParseOptions {
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    header.split(d).length > header.split(best).length ? d : best,
  );
  return { bom: true, delimiter, relax_column_count: true, trim: true };
}
