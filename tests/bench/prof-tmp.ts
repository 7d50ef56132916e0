import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { openStore, closeStore } from '../../src-main/services/database';
import { createCase } from '../../src-main/services/register';
import { api } from '../../src-main/api';
import { ensureSeedOffice, sampleIntakes } from '../../src-main/services/seed';
import { currentUserId } from '../../src-main/services/office';
const store = openStore({ dataDir: '.bench-data/100000-s1' });
const forms = sampleIntakes(store, 400, 77).map((f) => api['cases.create'].input.parse(f));
const actor = currentUserId(store);
const ts: number[] = [];
for (const f of forms) { const s = performance.now(); createCase(store, f, actor); ts.push(performance.now() - s); }
ts.sort((a, b) => a - b);
console.log('p50', ts[200].toFixed(2), 'p95', ts[380].toFixed(2));
closeStore(store);
