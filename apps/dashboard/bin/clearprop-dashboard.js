#!/usr/bin/env node
// The `clearprop-dashboard` executable: plain Node on the built app (dist/). In the repository `npm run build`
// makes dist/ (`npm run dashboard` builds first); `nx run dashboard:serve` runs the TypeScript sources instead.
const main = new URL('../dist/main.js', import.meta.url);
try {
  await import(main.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(main.pathname)) throw error;
  process.stderr.write(`clearprop-dashboard: ${main.pathname} is missing; run \`npm run build\` in the clearprop repository first\n`);
  process.exitCode = 1;
}
