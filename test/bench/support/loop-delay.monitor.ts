import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  monitorEventLoopDelay,
  PerformanceObserver,
  type IntervalHistogram,
} from 'node:perf_hooks';

/** Event-loop delay in ms beyond the sampling timer's own interval, and GC pauses, in ms. */
export interface LoopDelayStats {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
  gc_count: number;
  gc_total_ms: number;
  gc_max_ms: number;
}

/** Sampling interval of the histogram's timer (its values include it; `read` removes it). */
export const LOOP_DELAY_RESOLUTION_MS = 5;

/**
 * The bench server's event-loop delay histogram (perf_hooks.monitorEventLoopDelay), with the
 * garbage-collection pauses of the same window (to tell a GC pause from a busy loop).
 */
@Injectable()
export class LoopDelayMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({
    resolution: LOOP_DELAY_RESOLUTION_MS,
  });
  private readonly gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.gcCount++;
      this.gcTotal += entry.duration;
      this.gcMax = Math.max(this.gcMax, entry.duration);
    }
  });
  private gcCount = 0;
  private gcTotal = 0;
  private gcMax = 0;

  onModuleInit(): void {
    this.histogram.enable();
    this.gc.observe({ entryTypes: ['gc'] });
  }

  onModuleDestroy(): void {
    this.histogram.disable();
    this.gc.disconnect();
  }

  /** Starts a new measurement window. */
  reset(): void {
    this.histogram.reset();
    this.gcCount = 0;
    this.gcTotal = 0;
    this.gcMax = 0;
  }

  /** What was recorded since the last reset. */
  read(): LoopDelayStats {
    const beyond = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
    return {
      p50: beyond(this.histogram.percentile(50)),
      p99: beyond(this.histogram.percentile(99)),
      max: beyond(this.histogram.max),
      mean: beyond(this.histogram.mean),
      samples: this.histogram.count,
      gc_count: this.gcCount,
      gc_total_ms: this.gcTotal,
      gc_max_ms: this.gcMax,
    };
  }
}
