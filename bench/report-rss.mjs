// Preloaded into a benchmarked child (`node --import`): reports its peak RSS on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n@@bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
