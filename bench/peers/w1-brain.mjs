// W1 peer: brain.js 2.0.0-beta.24 trains a 1-2-4-2-1 sigmoid net per sample (its only mode) for `epochs` passes
// over the sin points in the JSON file. Usage: node w1-brain.mjs data.json epochs runs warmups
// Prints one JSON line: { seconds, cpuSeconds (medians of runs: wall clock, CPU time), samples (every timed run) }.
import { readFileSync } from 'node:fs';
import brain from 'brain.js';

const [file, epochs, runs, warmups] = process.argv.slice(2);
const { x, y } = JSON.parse(readFileSync(file, 'utf8'));
const data = x.map((value, i) => ({ input: [value], output: [y[i]] }));

function once() {
  const net = new brain.NeuralNetwork({ inputSize: 1, hiddenLayers: [2, 4, 2], outputSize: 1, activation: 'sigmoid' });
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  // errorThresh must be > 0: a tiny one never stops training early, so every run does all the epochs.
  net.train(data, { iterations: Number(epochs), errorThresh: 1e-12, log: false });
  const cpu = process.cpuUsage(c0);
  return [(performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6];
}

for (let w = 0; w < Number(warmups); w++) once();
const timings = Array.from({ length: Number(runs) }, once);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = timings.map(([seconds]) => seconds);
process.stdout.write(`${JSON.stringify({ seconds: median(samples), cpuSeconds: median(timings.map(([, cpu]) => cpu)), samples })}\n`);
