import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { epochEvents, runEnd, runStart } from '../testing/events.ts';
import { readEventLog, tailEventLog } from './event-log-reader.ts';

const path = () => join(mkdtempSync(join(tmpdir(), 'clearprop-log-')), 'events.ndjson');
const lines = [runStart(), ...epochEvents(1, 0.5), runEnd(1)].map((e) => `${JSON.stringify(e)}\n`);

describe('readEventLog', () => {
  it('returns the events, counts lines that are not events, and skips a last line cut short', async () => {
    const file = path();
    writeFileSync(file, `${lines.join('')}saving…\n{"type":"epochSt`);
    const log = await readEventLog(file);
    expect(log.events.map((e) => e.type)).toEqual(['runStart', 'epochStart', 'batchEnd', 'batchEnd', 'layerStats', 'epochEnd', 'runEnd']);
    expect(log.skippedLines).toBe(1);
    expect(log.truncatedChars).toBe('{"type":"epochSt'.length);
  });
});

describe('tailEventLog', () => {
  it('reads what was appended since the last read, holding back half a line until its newline arrives', async () => {
    const file = path();
    const tail = tailEventLog(file);
    expect(await tail.read()).toEqual({ exists: false, restarted: false, events: [], pendingChars: 0 });
    const half = Math.floor(lines[1].length / 2);
    writeFileSync(file, lines[0] + lines[1].slice(0, half));
    const first = await tail.read();
    expect(first.events.map((e) => e.type)).toEqual(['runStart']);
    expect(first.pendingChars).toBe(half);
    // Nothing new: the half line is still held back, not parsed and not lost.
    expect((await tail.read()).events).toEqual([]);
    appendFileSync(file, lines[1].slice(half) + lines[2]);
    expect((await tail.read()).events.map((e) => e.type)).toEqual(['epochStart', 'batchEnd']);
    writeFileSync(file, lines[0]); // a new run rewrote the file
    expect(await tail.read()).toMatchObject({ restarted: true, events: [{ type: 'runStart' }], pendingChars: 0 });
    await tail.close();
  });
});
