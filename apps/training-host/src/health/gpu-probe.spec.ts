import { GpuProbe, parseNvidiaSmi } from './gpu-probe';

describe('GpuProbe', () => {
  it('reads the first GPU of nvidia-smi output', () => {
    expect(parseNvidiaSmi('NVIDIA GeForce RTX 3090, 24576, 1024\nTesla T4, 15360, 0\n')).toEqual({
      name: 'NVIDIA GeForce RTX 3090',
      memory_total_mb: 24576,
      memory_used_mb: 1024,
    });
    expect(parseNvidiaSmi('')).toBeNull();
    expect(parseNvidiaSmi('No devices were found')).toBeNull();
  });

  it('answers null when nvidia-smi is missing', async () => {
    await expect(new GpuProbe('/nonexistent/nvidia-smi').read()).resolves.toBeNull();
  });
});
