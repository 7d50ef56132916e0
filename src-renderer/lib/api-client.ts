/**
 * The renderer's typed client of src-main/api.ts. In the Electron window it calls through the
 * preload bridge; in the browser (npm run web) it posts to the loopback bridge with the token
 * the server printed in the address (#token=…), kept for the tab's lifetime.
 */
import type { ApiInput, ApiMethod, ApiOutput, ApiResult } from '../../src-main/api';
import type { PetitionBridge } from '../../src-main/app/bridge-types';

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

async function callWeb(method: string, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { message: '无法连接本机服务：请确认“npm run web”窗口仍在运行', internal: true } };
  }
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { message: `本机服务返回了无法识别的应答（${res.status}）`, internal: true } };
  }
}

export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const bridge = window.petitionBridge;
  const result = bridge ? await (bridge.call as (m: M, i: ApiInput<M>) => Promise<ApiResult<unknown>>)(method, input) : await callWeb(method, input);
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

export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new ApiError('无法读取所选文件'));
    reader.readAsDataURL(file);
  });
}
