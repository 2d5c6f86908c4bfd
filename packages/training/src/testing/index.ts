export type { CraftedZipEntry } from './zip.ts';
export { craftZip } from './zip.ts';
export { fileFuzzTargets } from './file-fuzz.ts';
export { configFuzzTargets } from './config-fuzz.ts';
export { hostileJson, mutateJson, mutatedJsonText } from './json-mutation.ts';
