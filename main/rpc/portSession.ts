// Joins a transport's Port to the dispatcher: frames in, frames out, and disconnect when the port closes.
// The in-memory transport is exactly this; WebSocket and Electron IPC adapt their channel to a Port first.
import type { ContractDef, Port, Transport } from '../../shared/contract/index';
import type { Dispatcher } from './dispatcher';

export function servePort<C extends ContractDef>(dispatcher: Dispatcher<C>, port: Port, transport: Transport): () => void {
  const session = dispatcher.connect({ transport, send: (frame) => port.send(frame), close: () => port.close() });
  const offFrame = port.onFrame((frame) => session.receive(frame));
  const offClose = port.onClose(() => {
    offFrame();
    session.disconnect();
  });
  return () => {
    offFrame();
    offClose();
    session.disconnect();
  };
}
