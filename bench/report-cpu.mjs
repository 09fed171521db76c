// Preloaded (`node --import`) into a process the bench times from outside: at exit it writes the
// process's own CPU time (user + system, ms) and peak RSS (KB) to $NOTICE_BENCH_CPU_FILE, which
// a neighbour's load on a shared machine disturbs far less than the wall clock.
import { writeFileSync } from 'node:fs';

const file = process.env.NOTICE_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
