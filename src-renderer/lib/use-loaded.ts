/**
 * What a screen shows from the services, and how it keeps it: a hook that loads on mount and
 * whenever its inputs change, keeps the failure to show in place of the list, and reloads after
 * a change; and the way a refusal from the services lands on the form field it names.
 */
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { FormInstance } from 'antd';
import { fieldPath } from '../components/case-form-values';

export function useLoaded<T>(fetch: () => Promise<T>, deps: DependencyList): { value: T | null; error: string | null; reload(): Promise<void> } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // `fetch` is a new closure each render; `deps` says when it asks for something new
  const reload = useCallback(async () => {
    try {
      setValue(await fetch());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { value, error, reload };
}

/** Puts a refusal from the services on the field it names, or shows it as a message. */
export function showRefusal<T>(form: FormInstance<T>, e: unknown, message: { error(text: string): void }): void {
  const err = e as Error & { field?: string };
  if (err.field) form.setFields([{ name: fieldPath(err.field) as never, errors: [err.message] }]);
  else message.error(err.message);
}
