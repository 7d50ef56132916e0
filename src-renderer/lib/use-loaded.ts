/**
 * What a screen shows from the services, and how it keeps it: a hook that loads on mount and
 * whenever its inputs change, keeps the failure to show in place of the list, and reloads after
 * a change; the way a refusal from the services lands on the form field it names; a dialog's
 * save; a removal that reloads.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { FormInstance } from 'antd';
import { fieldPath } from '../components/case-form-values';

export function useLoaded<T>(
  fetch: () => Promise<T>,
  deps: DependencyList,
): { value: T | null; error: string | null; reload(): Promise<void> } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** the newest load: an older one answering later (filters changed meanwhile) is dropped */
  const newest = useRef(0);
  // `fetch` is a new closure each render; `deps` says when it asks for something new
  const reload = useCallback(async () => {
    const mine = ++newest.current;
    try {
      const v = await fetch();
      if (mine !== newest.current) return;
      setValue(v);
      setError(null);
    } catch (e) {
      if (mine === newest.current) setError((e as Error).message);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps stand for `fetch`
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { value, error, reload };
}

/** Puts a refusal from the services on the field it names, or shows it as a message. */
export function showRefusal<T>(
  form: FormInstance<T>,
  e: unknown,
  message: { error(text: string): void },
): void {
  const err = e as Error & { field?: string };
  if (err.field) form.setFields([{ name: fieldPath(err.field) as never, errors: [err.message] }]);
  else message.error(err.message);
}

type Messages = { success(text: string): void; error(text: string): void };

/**
 * A dialog's save: validates (the form itself shows what is missing), sends, says `done` and runs
 * `after`; a refusal from the services lands on its field. `saving` while it runs.
 */
export function useFormSave<V>(
  form: FormInstance<V>,
  message: Messages,
  send: (values: V) => Promise<string>,
  after: () => Promise<void>,
): { save(): Promise<void>; saving: boolean } {
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      message.success(await send(v));
      await after();
    } catch (e) {
      showRefusal(form, e, message);
    } finally {
      setSaving(false);
    }
  };
  return { save, saving };
}

/** Removes through the services, says `done` and reloads the list; a refusal is shown as a message. */
export async function removeAndReload(
  remove: () => Promise<unknown>,
  done: string,
  reload: () => Promise<void>,
  message: Messages,
): Promise<void> {
  try {
    await remove();
    message.success(done);
    await reload();
  } catch (e) {
    message.error((e as Error).message);
  }
}
