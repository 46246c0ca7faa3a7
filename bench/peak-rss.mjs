// Preloaded into a measured process (`node --import ./bench/peak-rss.mjs …`): when it exits, writes its peak
// resident set size (VmHWM, in MB) to the file named by BENCH_PEAK_RSS_FILE.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.BENCH_PEAK_RSS_FILE;
if (out)
  process.on('exit', () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(
      out,
      String(m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576)),
    );
  });
