/**
 * Browser mode: the same services behind an HTTP bridge bound to 127.0.0.1 only, guarded by a
 * token made fresh for each run, serving the built renderer. For machines where Electron
 * cannot start. Usage: npm run web [-- --port 5188] [--data-dir DIR]
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { closeStore } from './services/database';
import { openRegister } from './services/open-register';
import { dispatch } from './handlers';
import { logUnexpected, readableFailure, UserError } from './services/errors';
import { exportOnExit } from './services/sync/folders';
import { currentUserId } from './services/office';
import { resolveDataDir } from './data-dir';
import { startupProgress } from './progress';
import { CONTENT_SECURITY_POLICY } from './app/security';

const MAX_BODY = 64 * 1024 * 1024;
/** Stage reports of long work are sent at most this often (a stage's end always is). */
const PROGRESS_INTERVAL_MS = 100;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A path's percent-encoding decoded, or null when it is malformed (decodeURIComponent throws). */
function decodedPath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
/** dispatch answers every failure itself; should it ever throw, the cause goes to the log only */
function failed(e: unknown) {
  const ref = logUnexpected('[web] dispatch threw', e);
  return {
    ok: false,
    error: { message: `操作失败，数据未改动。请把错误编号 ${ref} 告诉技术人员`, internal: true },
  };
}
const MALFORMED = JSON.stringify({ ok: false, error: { message: '请求地址格式错误', internal: true } });

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(opts: {
  dataDir: string;
  port: number;
  rendererDir: string;
}): Promise<WebServer> {
  const store = openRegister({ dataDir: opts.dataDir, onProgress: startupProgress() });
  const token = randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  let origin = '';

  const authorized = (req: http.IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const server = http.createServer((req, res) => {
    const head = (status: number, type: string) =>
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
    const send = (status: number, body: string | Buffer, type = 'application/json; charset=utf-8') => {
      head(status, type);
      res.end(body);
    };
    // a page on another site that resolves its name to 127.0.0.1 must not reach the bridge
    if (req.headers.host !== new URL(origin).host) return send(421, '{"error":"wrong host"}');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(405, '{"error":"POST only"}');
      if (req.headers.origin && req.headers.origin !== origin) return send(403, '{"error":"wrong origin"}');
      if (!authorized(req)) {
        return send(
          401,
          JSON.stringify({
            ok: false,
            error: { message: '访问令牌无效：请使用启动时显示的完整地址重新打开', internal: true },
          }),
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          send(413, JSON.stringify({ ok: false, error: { message: '提交的数据过大（超过 64 MB）' } }));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (res.writableEnded) return;
        let input: unknown;
        try {
          input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          return send(400, JSON.stringify({ ok: false, error: { message: '请求格式错误', internal: true } }));
        }
        const method = decodedPath(url.pathname.slice('/api/'.length));
        if (method === null) return send(400, MALFORMED);
        if (req.headers['x-progress'] !== '1') {
          dispatch(store, method, input).then(
            (result) => send(200, JSON.stringify(result)),
            (e: unknown) => send(500, JSON.stringify(failed(e))),
          );
          return;
        }
        // long work: one JSON line per stage report, then the result, each sent as it happens
        // (the synchronous import holds the thread, so nothing may wait for the event loop)
        head(200, 'application/x-ndjson; charset=utf-8');
        let lastAt = 0;
        let lastStage = '';
        const progress = (stage: string, done: number, total: number) => {
          const now = Date.now();
          if (stage === lastStage && done < total && now - lastAt < PROGRESS_INTERVAL_MS) return;
          lastAt = now;
          lastStage = stage;
          res.write(`${JSON.stringify({ progress: { method, stage, done, total } })}\n`);
          // Node corks the socket on every write until the next tick, which never comes while the
          // import holds the thread: flush now so the line leaves at once
          while (res.socket && res.socket.writableCorked > 0) res.socket.uncork();
        };
        dispatch(store, method, input, progress).then(
          (result) => res.end(`${JSON.stringify({ result })}\n`),
          (e: unknown) => res.end(`${JSON.stringify({ result: failed(e) })}\n`),
        );
      });
      return;
    }

    if (req.method !== 'GET') return send(405, '');
    const decoded = decodedPath(url.pathname);
    if (decoded === null) return send(400, MALFORMED);
    const rel = path.normalize(decoded).replace(/^([/\\])+/, '');
    let file = path.join(opts.rendererDir, rel);
    if (!file.startsWith(opts.rendererDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(opts.rendererDir, 'index.html');
    }
    if (!fs.existsSync(file))
      return send(500, '界面尚未构建：请用 npm run web 启动', 'text/plain; charset=utf-8');
    send(200, fs.readFileSync(file), MIME[path.extname(file)] ?? 'application/octet-stream');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE' ? new UserError(`端口 ${opts.port} 已被占用，请用 --port 指定其他端口`) : e,
      ),
    );
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        const { exported, problem } = exportOnExit(store, currentUserId(store));
        for (const r of exported) console.log(`已导出交换包：${r.file}`);
        if (problem) console.error(`关闭时未能导出交换包：${problem}`);
        server.close(() => {
          closeStore(store);
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(here, '../out/renderer');
  const dataDir = resolveDataDir();
  startWebServer({ dataDir, port: Number(argValue('--port') ?? 5188), rendererDir }).then(
    (web) => {
      console.log(`乡镇信访台账（浏览器模式）已启动，数据文件夹：${dataDir}`);
      console.log(`请在浏览器中打开：${web.url}`);
      console.log(`WEB_URL=${web.url}`);
      const stop = () => web.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(`启动失败：${readableFailure('web start', e)}`);
      process.exit(1);
    },
  );
}
