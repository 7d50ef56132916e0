/**
 * The renderer's typed client of src-main/contract. In the Electron window it calls through the
 * preload bridge; in the browser (npm run web) it posts to the loopback bridge with the token
 * the server printed in the address (#token=…), kept for the tab's lifetime.
 */
import type {
  ApiInput,
  ApiMethod,
  ApiOutput,
  ApiResult,
  PetitionBridge,
  ProgressReport,
} from '../../src-main/contract';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly internal?: boolean,
  ) {
    super(message);
  }
}

declare global {
  interface Window {
    petitionBridge?: PetitionBridge;
  }
}

const TOKEN_KEY = 'petition-web-token';

/** Takes the token out of the address bar so it is not left in history or screenshots. */
function webToken(): string {
  const m = /[#&]token=([0-9a-f]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = window.petitionBridge ? '' : webToken();

const UNREADABLE = (status: number): ApiResult<unknown> => ({
  ok: false,
  error: { message: `本机服务返回了无法识别的应答（${status}）`, internal: true },
});

async function callWeb(
  method: string,
  input: unknown,
  onProgress?: (p: ProgressReport) => void,
): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        ...(onProgress ? { 'X-Progress': '1' } : {}),
      },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: { message: '无法连接本机服务：请确认“npm run web”窗口仍在运行', internal: true },
    };
  }
  try {
    if (!onProgress || !res.body || !res.headers.get('Content-Type')?.startsWith('application/x-ndjson'))
      return (await res.json()) as ApiResult<unknown>;
    // stage reports line by line, then the result
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffered += value;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, nl)) as {
          progress?: ProgressReport;
          result?: ApiResult<unknown>;
        };
        buffered = buffered.slice(nl + 1);
        if (line.result) return line.result;
        if (line.progress) onProgress(line.progress);
      }
      if (done) return UNREADABLE(res.status);
    }
  } catch {
    return UNREADABLE(res.status);
  }
}

export interface CallOptions {
  /** stages of long work (sync export and import) while the call runs */
  onProgress?: (p: ProgressReport) => void;
}

export async function call<M extends ApiMethod>(
  method: M,
  input: ApiInput<M>,
  opts: CallOptions = {},
): Promise<ApiOutput<M>> {
  const bridge = window.petitionBridge;
  let result: ApiResult<unknown>;
  if (bridge) {
    const stop = opts.onProgress
      ? bridge.onProgress((p) => p.method === method && opts.onProgress!(p))
      : undefined;
    try {
      result = await (bridge.call as (m: M, i: ApiInput<M>) => Promise<ApiResult<unknown>>)(method, input);
    } finally {
      stop?.();
    }
  } else result = await callWeb(method, input, opts.onProgress);
  if (!result.ok) throw new ApiError(result.error.message, result.error.field, result.error.internal);
  return result.value as ApiOutput<M>;
}

/** Saves bytes the services produced: a save dialog in Electron, a download in the browser. */
export async function saveFile(fileName: string, base64: string): Promise<string | null> {
  if (window.petitionBridge) return window.petitionBridge.saveFile(fileName, base64);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

/**
 * Saving a page (letters, report tables) as PDF with the Electron shell's print engine; null in
 * the browser, whose own print dialog offers 另存为 PDF.
 */
export function pdfSaver(): ((fileName: string, html: string) => Promise<string | null>) | null {
  const bridge = window.petitionBridge;
  return bridge ? (fileName, html) => bridge.savePdf(fileName, html) : null;
}

/** The native folder picker in the Electron window; null in the browser (folders are typed there). */
export function folderPicker(): ((title: string, current?: string) => Promise<string | null>) | null {
  const bridge = window.petitionBridge;
  return bridge ? (title, current) => bridge.pickFolder(title, current) : null;
}

export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new ApiError('无法读取所选文件'));
    reader.readAsDataURL(file);
  });
}
