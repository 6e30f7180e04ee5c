import { execFile } from 'node:child_process';

/** The machine's first NVIDIA GPU as `nvidia-smi` reports it. */
export interface GpuInfo {
  name: string;
  memory_total_mb: number;
  memory_used_mb: number;
}

/** How long one reading is reused: health is polled, `nvidia-smi` takes ~50 ms. */
const CACHE_MS = 10_000;
const QUERY = ['--query-gpu=name,memory.total,memory.used', '--format=csv,noheader,nounits'];

/**
 * Reads the GPU's name and memory with `nvidia-smi` (installed with the NVIDIA driver), without
 * loading TensorFlow in the host's main thread. Null when there is no `nvidia-smi` or no GPU.
 */
export class GpuProbe {
  private cached: { at: number; info: Promise<GpuInfo | null> } | undefined;

  constructor(private readonly command = 'nvidia-smi') {}

  read(): Promise<GpuInfo | null> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      this.cached = { at: now, info: this.query() };
    }
    return this.cached.info;
  }

  private query(): Promise<GpuInfo | null> {
    return new Promise((resolve) => {
      execFile(this.command, QUERY, { timeout: 3000 }, (error, stdout) => {
        resolve(error ? null : parseNvidiaSmi(stdout));
      });
    });
  }
}

/** The first line of `nvidia-smi --query-gpu=name,memory.total,memory.used` CSV output. */
export function parseNvidiaSmi(stdout: string): GpuInfo | null {
  const line = stdout.split('\n').find((l) => l.trim() !== '');
  const parts = line?.split(',').map((p) => p.trim());
  if (!parts || parts.length < 3) return null;
  const [name, total, used] = parts as [string, string, string];
  const memory_total_mb = Number(total);
  const memory_used_mb = Number(used);
  if (!name || !Number.isFinite(memory_total_mb) || !Number.isFinite(memory_used_mb)) return null;
  return { name, memory_total_mb, memory_used_mb };
}
