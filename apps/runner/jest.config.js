import preset from '../../jest.preset.js';
// The CLI tests start real child processes (≈1 s each under load), hence the longer timeout.
export default { ...preset, displayName: 'runner', testTimeout: 60_000 };
