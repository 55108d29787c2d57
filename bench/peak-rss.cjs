// Preloaded (NODE_OPTIONS=--require) into both sides of a memory comparison:
// at exit, appends this process's peak resident memory (KiB) to $PEAK_RSS_FILE.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) fs.appendFileSync(process.env.PEAK_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
