import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { ServerEvent } from '../../shared/api/events';
import type { KassaBridge } from '../../shared/api/transport';

/** Exposes exactly two functions to the page: call the API, listen to its events. No Node, no ipcRenderer. */
const bridge: KassaBridge = {
  invoke: (method, input) => ipcRenderer.invoke('kassa:invoke', method, input),
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: ServerEvent) => listener(payload);
    ipcRenderer.on('kassa:event', handler);
    return () => ipcRenderer.removeListener('kassa:event', handler);
  },
};

contextBridge.exposeInMainWorld('kassa', bridge);
