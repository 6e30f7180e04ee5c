import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactManifestEntry } from '@ktrdr/training-engine';

/**
 * True for a plain relative path that stays inside its folder: no absolute path, no `..` or
 * `.` segment, no empty segment, no backslash or NUL (a Windows separator or a C-string end).
 */
export function isSafeArtifactName(file: string): boolean {
  if (file === '' || file.length > 255 || /[\\\0]/.test(file) || path.posix.isAbsolute(file)) {
    return false;
  }
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The absolute path of `file` in `dir`; throws when the name could leave the folder. */
export function artifactPath(dir: string, file: string): string {
  if (!isSafeArtifactName(file)) throw new Error(`unsafe artifact name '${file}'`);
  return path.join(dir, ...file.split('/'));
}

/** Size and SHA-256 of each file the engine wrote into `dir`, in the given order. */
export async function buildArtifactManifest(
  dir: string,
  files: readonly string[],
): Promise<ArtifactManifestEntry[]> {
  const manifest: ArtifactManifestEntry[] = [];
  for (const file of files) {
    const full = artifactPath(dir, file);
    const info = await stat(full);
    if (!info.isFile()) throw new Error(`artifact '${file}' is not a file`);
    manifest.push({ file, size: info.size, sha256: await sha256File(full) });
  }
  return manifest;
}

/** The hex SHA-256 of a file, read as a stream. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
