// Worker-thread entry of the trial pool: piscina loads this file in each of its threads. Running from the
// TypeScript sources, it registers tsx first (on Node 20 a .ts worker starts no other way: see TOOLCHAIN notes);
// a build passes the compiled .js module and no tsx.
import { workerData } from 'node:worker_threads';

if (workerData.tsxApi) {
  const { register } = await import(workerData.tsxApi);
  register();
}
const { runTrialTask } = await import(workerData.module);
export default runTrialTask;
