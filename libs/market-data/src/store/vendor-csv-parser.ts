import { pipeline } from 'node:stream/promises';
import { parse, type Options as CsvParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { InvalidCsvError } from './csv-bar-parser';
import { type VendorCsvOptions, type VendorCsvResult, VendorRowReader } from './vendor-row-reader';

export type { VendorCsvOptions, VendorCsvResult } from './vendor-row-reader';

/** csv-parse's record with `info: true` (its types do not say so). */
interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** Bytes read to find the header line before giving up on it. */
const MAX_HEADER_BYTES = 64 * 1024;
const LF = 10;

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
  let records: CsvRecord[];
  try {
    records = parseSync(text, csvOptions(headerLine(text))) as unknown as CsvRecord[];
  } catch (error) {
    throw new InvalidCsvError((error as Error).message, undefined, options.source);
  }
  const [header, ...rows] = records;
  if (!header) throw new InvalidCsvError('the file is empty', 1, options.source);
  const reader = new VendorRowReader(header.record, options);
  for (const { record, info } of rows) reader.add(record, info.lines);
  return reader.result();
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
  let reader: VendorRowReader | undefined;
  try {
    await pipeline(
      all(),
      parse(csvOptions(headerLine(start.subarray(0, MAX_HEADER_BYTES).toString('utf8')))),
      async (records: AsyncIterable<CsvRecord>) => {
        for await (const { record, info } of records) {
          if (reader) reader.add(record, info.lines);
          else reader = new VendorRowReader(record, options);
        }
      },
    );
  } catch (error) {
    if (error instanceof InvalidCsvError) throw error;
    throw new InvalidCsvError((error as Error).message, undefined, options.source);
  }
  if (!reader) throw new InvalidCsvError('the file is empty', 1, options.source);
  return reader.result();
}

function headerLine(text: string): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

/** csv-parse options, the delimiter being whichever of `,` `;` tab splits the header most. */
function csvOptions(header: string): CsvParseOptions {
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    header.split(d).length > header.split(best).length ? d : best,
  );
  return {
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  };
}
