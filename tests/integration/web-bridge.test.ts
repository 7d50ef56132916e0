/**
 * The browser mode's server against requests no page of the app sends: a malformed
 * percent-encoding in the path (a page on any other origin can send one without a token) must be
 * refused with a Chinese message while the server goes on serving.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src-main/web';

let web: WebServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await web?.close();
  web = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-web-'));
  dirs.push(d);
  return d;
};

/** A request with its path sent exactly as written (fetch would normalise it). */
function raw(
  origin: string,
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

it('refuses malformed paths in Chinese and keeps serving', async () => {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>乡镇信访台账</title>');
  web = await startWebServer({ dataDir: tempDir(), port: 0, rendererDir });
  const origin = new URL(web.url).origin;
  const token = /token=([0-9a-f]+)/.exec(web.url)![1];
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

  for (const [method, p, headers] of [
    ['GET', '/%', {}],
    ['GET', '/%E0%A4%A', {}],
    ['GET', '/assets/%ZZ.js', {}],
    ['POST', '/api/%E0%A4%A', auth],
    ['POST', '/api/%', auth],
  ] as const) {
    const r = await raw(origin, method, p, headers);
    expect(r.status, `${method} ${p}`).toBe(400);
    expect(JSON.parse(r.body).error.message).toBe('请求地址格式错误');
  }

  // still serving: the page, and the api with the token
  expect((await raw(origin, 'GET', '/')).body).toContain('乡镇信访台账');
  const session = await raw(origin, 'POST', '/api/session.get', auth);
  expect(session.status).toBe(200);
  expect(JSON.parse(session.body)).toMatchObject({ ok: true });
});
