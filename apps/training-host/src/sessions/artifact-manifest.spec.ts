import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { artifactPath, buildArtifactManifest, isSafeArtifactName } from './artifact-manifest';

describe('artifact names', () => {
  it.each(['model.json', 'weights.bin', 'model/model.json', 'a-b_c.1.json'])('accepts %s', (f) =>
    expect(isSafeArtifactName(f)).toBe(true),
  );
  it.each(['', '..', '../x', 'a/../b', '/etc/passwd', 'a//b', './a', 'a\\b', 'a\0b'])(
    'refuses %j',
    (f) => {
      expect(isSafeArtifactName(f)).toBe(false);
      expect(() => artifactPath('/tmp/x', f)).toThrow(/unsafe artifact name/);
    },
  );
});

describe('buildArtifactManifest', () => {
  it('gives each file its size and SHA-256; a missing file fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-manifest-'));
    try {
      await mkdir(path.join(dir, 'model'));
      await writeFile(path.join(dir, 'model', 'model.json'), '{"a":1}');
      await writeFile(path.join(dir, 'metrics.json'), 'xyz');
      const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
      await expect(
        buildArtifactManifest(dir, ['model/model.json', 'metrics.json']),
      ).resolves.toEqual([
        { file: 'model/model.json', size: 7, sha256: sha('{"a":1}') },
        { file: 'metrics.json', size: 3, sha256: sha('xyz') },
      ]);
      await expect(buildArtifactManifest(dir, ['nope.json'])).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
