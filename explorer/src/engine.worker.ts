/** The engine worker: the page's requests in, frames and comparison rows out (see protocol.ts). */
import { ExplorerEngine } from './engine.js';
import type { EngineReply, EngineRequest } from './protocol.js';

/** The part of a dedicated worker's global scope the engine uses. */
interface WorkerScope {
  postMessage(message: EngineReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const engine = new ExplorerEngine((reply, transfer) => scope.postMessage(reply, transfer));
scope.onmessage = (event) => engine.handle(event.data);
