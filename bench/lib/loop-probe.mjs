// Preloaded into a server child (node --import): measures event-loop delay from inside the
// process without touching server code. SIGUSR2 writes the figures since the last signal to
// BENCH_LOOP_FILE and starts a new window.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let window = 0;
  process.on('SIGUSR2', () => {
    window += 1;
    const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
    const figures = {
      window,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      rss: process.memoryUsage().rss,
    };
    histogram.reset();
    writeFileSync(file, JSON.stringify(figures));
  });
}
