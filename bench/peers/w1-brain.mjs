// W1 peer: brain.js 2.0.0-beta.24 trains a 1-2-4-2-1 sigmoid net per sample (its only mode) for `epochs` passes
// over the sin points in the JSON file. Usage: node w1-brain.mjs data.json epochs runs warmups
// Prints one JSON line: { seconds (median of runs), samples (every timed run) }.
import { readFileSync } from 'node:fs';
import brain from 'brain.js';

const [file, epochs, runs, warmups] = process.argv.slice(2);
const { x, y } = JSON.parse(readFileSync(file, 'utf8'));
const data = x.map((value, i) => ({ input: [value], output: [y[i]] }));

function once() {
  const net = new brain.NeuralNetwork({ inputSize: 1, hiddenLayers: [2, 4, 2], outputSize: 1, activation: 'sigmoid' });
  const t0 = performance.now();
  // errorThresh must be > 0: a tiny one never stops training early, so every run does all the epochs.
  net.train(data, { iterations: Number(epochs), errorThresh: 1e-12, log: false });
  return (performance.now() - t0) / 1000;
}

for (let w = 0; w < Number(warmups); w++) once();
const samples = Array.from({ length: Number(runs) }, once);
const sorted = [...samples].sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ seconds: sorted[Math.floor(sorted.length / 2)], samples })}\n`);
