#!/usr/bin/env node
// The `clearprop` executable: plain Node on the built CLI (dist/). In the repository `npm run build` makes dist/
// (`npm start` builds first); `nx run runner:train` runs the TypeScript sources instead.
const main = new URL('../dist/main.js', import.meta.url);
try {
  await import(main.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(main.pathname)) throw error;
  process.stderr.write(`clearprop: ${main.pathname} is missing; run \`npm run build\` in the clearprop repository first\n`);
  process.exitCode = 1;
}
