import { readFile } from 'node:fs/promises';

/** A local file's bytes, with a one-line error naming the file when it cannot be read. */
export async function readLocalFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code;
    throw new Error(`cannot read ${file}: ${reason ?? String(error)}`, { cause: error });
  }
}

/** A local text file (UTF-8). */
export async function readTextFile(file: string): Promise<string> {
  return (await readLocalFile(file)).toString('utf8');
}
