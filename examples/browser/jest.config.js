import preset from '../../jest.preset.js';
// One test: bundles main.ts for the browser and runs it in headless Chromium (a real browser, not jsdom).
export default { ...preset, displayName: 'example-browser', testMatch: ['<rootDir>/*.test.ts'], testTimeout: 120_000 };
