import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  NODE_ATOMIC_WRITE_FS,
  parseTempFileName,
  tempHostTag,
  THIS_HOST,
  writeFileAtomic,
} from './atomic-file-writer';

describe('temp file names of atomic writes', () => {
  it('carry the pid and the host, which the parser reads back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-atomic-'));
    try {
      const temps: string[] = [];
      await writeFileAtomic(path.join(dir, 'EUR.USD_1h.csv'), ['a\n'], {
        ...NODE_ATOMIC_WRITE_FS,
        rename: (from, to) => {
          temps.push(path.basename(from));
          return NODE_ATOMIC_WRITE_FS.rename(from, to);
        },
      });
      expect(temps).toHaveLength(1);
      expect(parseTempFileName(temps[0]!)).toEqual({
        target: 'EUR.USD_1h.csv',
        pid: process.pid,
        host: THIS_HOST,
      });
      expect(await readdir(dir)).toEqual(['EUR.USD_1h.csv']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('parses names without a host (older versions) and refuses other names', () => {
    expect(parseTempFileName('.AAPL_1h.csv.123.0123456789ab.tmp')).toEqual({
      target: 'AAPL_1h.csv',
      pid: 123,
      host: null,
    });
    for (const name of [
      'AAPL_1h.csv',
      '.AAPL_1h.csv.123@node1.example.com.0123456789ab.tmp',
      '.AAPL_1h.csv.abc@node1.0123456789ab.tmp',
      '.AAPL_1h.csv.123@node1.0123.tmp',
    ]) {
      expect(parseTempFileName(name)).toBeNull();
    }
  });

  it('write a host name as letters, digits, _ and -', () => {
    expect(tempHostTag('node1.example.com')).toBe('node1_example_com');
    expect(tempHostTag('worker-7')).toBe('worker-7');
    expect(tempHostTag('')).toBe('unknown-host');
    expect(tempHostTag('a'.repeat(100))).toHaveLength(64);
    expect(parseTempFileName(`.X_1d.csv.9@${tempHostTag('a.b@c')}.0123456789ab.tmp`)).toEqual({
      target: 'X_1d.csv',
      pid: 9,
      host: 'a_b_c',
    });
  });
});
