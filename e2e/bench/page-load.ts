/**
 * Request loops run inside a page, so the service worker answers them exactly as it answers
 * an app's own fetches. Each response body is read in full before the clock stops.
 */
import type { Page } from '@playwright/test';

export interface RequestSpec {
  path: string;
  method?: string;
  /** A body of this many bytes ('x' repeated), for POSTs. */
  bodyBytes?: number;
}

/** Times `count` sequential requests; throws if any answer is not 200. */
export function sequentialLatencies(page: Page, spec: RequestSpec, count: number): Promise<number[]> {
  return page.evaluate(
    async ({ spec, count }) => {
      const body = spec.bodyBytes ? 'x'.repeat(spec.bodyBytes) : undefined;
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        const response = await fetch(spec.path, { method: spec.method ?? 'GET', body });
        await response.arrayBuffer();
        times.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`${spec.path} answered ${response.status}`);
      }
      return times;
    },
    { spec, count },
  );
}

export interface ThroughputResult {
  requestsPerSecond: number;
  errors: number;
  total: number;
}

/** Sends `total` requests keeping `inFlight` of them outstanding; counts non-200 answers as errors. */
export function throughput(
  page: Page,
  spec: RequestSpec,
  inFlight: number,
  total: number,
): Promise<ThroughputResult> {
  return page.evaluate(
    async ({ spec, inFlight, total }) => {
      const body = spec.bodyBytes ? 'x'.repeat(spec.bodyBytes) : undefined;
      let sent = 0;
      let errors = 0;
      const started = performance.now();
      const lane = async () => {
        while (sent < total) {
          sent++;
          try {
            const response = await fetch(spec.path, { method: spec.method ?? 'GET', body });
            await response.arrayBuffer();
            if (response.status !== 200) errors++;
          } catch {
            errors++;
          }
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
      const seconds = (performance.now() - started) / 1000;
      return { requestsPerSecond: total / seconds, errors, total };
    },
    { spec, inFlight, total },
  );
}
