/** Session and reference lists (villages, units, staff, categories) for every screen. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session, Settings } from '../../src-main/contract';
import { call } from './api-client';

interface AppContextValue {
  session: Session;
  settings: Settings | null;
  reload(): Promise<void>;
  setSettings(s: Settings): void;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({
  children,
  fallback,
}: {
  children: (ctx: AppContextValue) => ReactNode;
  fallback: (error: string | null) => ReactNode;
}) {
  const [session, setSession] = useState<Session | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const s = await call('session.get', {});
      // set both at once: a set-up session without its settings would render half a screen
      const next = s.setupDone ? await call('settings.get', {}) : null;
      setSession(s);
      setSettings(next);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (!session) return <>{fallback(error)}</>;
  const value: AppContextValue = { session, settings, reload, setSettings };
  return <AppContext.Provider value={value}>{children(value)}</AppContext.Provider>;
}

export function useApp(): AppContextValue & { settings: Settings } {
  const ctx = useContext(AppContext);
  if (!ctx || !ctx.settings) throw new Error('useApp outside a set-up office');
  return ctx as AppContextValue & { settings: Settings };
}

export function useAppMaybe(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useAppMaybe outside AppProvider');
  return ctx;
}
