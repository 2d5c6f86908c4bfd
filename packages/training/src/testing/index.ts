export type { CraftedZipEntry } from './zip.ts';
export { craftZip } from './zip.ts';
