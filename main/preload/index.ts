// The preload exposes exactly two functions on one channel. The renderer gets no Node, no Electron, no ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNEL, type Bridge } from '../../shared/contract/port';

const bridge: Bridge = {
  send(frame) {
    if (typeof frame === 'string') ipcRenderer.send(IPC_CHANNEL, frame);
  },
  onFrame(listener) {
    const handler = (_event: Electron.IpcRendererEvent, frame: unknown) => {
      if (typeof frame === 'string') listener(frame);
    };
    ipcRenderer.on(IPC_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
