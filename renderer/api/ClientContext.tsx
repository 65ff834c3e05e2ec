// The typed client for components below App: features call main through it, never through a global.
import { createContext, useContext } from 'react';
import type { AppClient } from './connect';

export const ClientContext = createContext<AppClient | null>(null);

/** The client, or null when the renderer could not reach main (the frame says why). */
export function useClient(): AppClient | null {
  return useContext(ClientContext);
}
