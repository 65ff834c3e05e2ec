// Who owns the tail's controller: a provider in the app shell, above the screens, so a running tail survives
// leaving the Tail screen and coming back. It keeps one controller per connection: a switch ends the old session
// (main says ConnectionChanged) and the provider disposes of it. The provider lives as long as the app.
import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import type { AppClient } from '../../api/connect';
import { createTailController, type TailController } from './tailController';
import { tailForm } from './tailForm';

interface Held {
  client: AppClient;
  epoch: number;
  controller: TailController;
  /** Not yet seen by the screen: its rows and selection start afresh. */
  fresh: boolean;
}

export interface TailControllers {
  /** The controller for this connection (the same one until the connection changes). */
  controllerFor(client: AppClient, epoch: number): TailController;
  /** True once for a newly made controller, so the screen can clear a selection that meant the old rows. */
  takeFresh(controller: TailController): boolean;
}

const TailControllersContext = createContext<TailControllers | null>(null);

export function TailControllersProvider({ children }: { children: ReactNode }) {
  const held = useRef<Held | null>(null);
  const controllers = useMemo<TailControllers>(
    () => ({
      controllerFor(client, epoch) {
        const current = held.current;
        if (current && current.client === client && current.epoch === epoch) return current.controller;
        current?.controller.dispose();
        const controller = createTailController(client, tailForm.get().bufferSize);
        held.current = { client, epoch, controller, fresh: true };
        return controller;
      },
      takeFresh(controller) {
        const current = held.current;
        if (current?.controller !== controller || !current.fresh) return false;
        current.fresh = false;
        return true;
      },
    }),
    [],
  );
  return <TailControllersContext.Provider value={controllers}>{children}</TailControllersContext.Provider>;
}

export function useTailControllers(): TailControllers {
  const controllers = useContext(TailControllersContext);
  if (!controllers) throw new Error('The Tail screen needs a TailControllersProvider above it');
  return controllers;
}
