/** Timing helpers for benchmarks: medians over repeated runs after a warm-up. */
import { cpus } from 'node:os';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Milliseconds of each of `repetitions` calls of `work`, after `warmUp` untimed calls. */
export function time(work: (iteration: number) => void, repetitions: number, warmUp = 3): number[] {
  for (let iteration = 0; iteration < warmUp; iteration++) work(iteration);
  const timings: number[] = [];
  for (let iteration = 0; iteration < repetitions; iteration++) {
    const started = performance.now();
    work(iteration);
    timings.push(performance.now() - started);
  }
  return timings;
}

export function machineLine(): string {
  const processors = cpus();
  return `${processors[0]?.model ?? 'unknown CPU'} (${processors.length} cores), Node ${process.version}, ${process.platform}-${process.arch}`;
}
