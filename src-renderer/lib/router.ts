/**
 * A hash router small enough to read: #/intake, #/work, #/register, #/case/<id>, #/reports, #/settings,
 * #/sync, #/conflicts, #/disputes, #/daily, #/reception.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'intake' }
  | { name: 'work' }
  | { name: 'register' }
  | { name: 'reports' }
  | { name: 'case'; id: string }
  | { name: 'settings' }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'disputes' }
  | { name: 'daily' }
  | { name: 'reception' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'case' && parts[1]) return { name: 'case', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'register') return { name: 'register' };
  if (parts[0] === 'work') return { name: 'work' };
  if (parts[0] === 'reports') return { name: 'reports' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'conflicts') return { name: 'conflicts' };
  if (parts[0] === 'disputes') return { name: 'disputes' };
  if (parts[0] === 'daily') return { name: 'daily' };
  if (parts[0] === 'reception') return { name: 'reception' };
  return { name: 'intake' };
}

export function href(route: Route): string {
  return route.name === 'case' ? `#/case/${encodeURIComponent(route.id)}` : `#/${route.name}`;
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
