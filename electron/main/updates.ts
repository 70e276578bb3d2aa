import { autoUpdater } from 'electron-updater';
import { createUpdateController, type UpdateControllerDeps } from './update-controller';

/** electron-updater's platform updater (NSIS, AppImage, deb, Squirrel.Mac) under the controller's rules. */
export function startUpdates(deps: Omit<UpdateControllerDeps, 'updater'>) {
  // Our log gets what matters (through the controller); electron-updater's own console chatter does not.
  autoUpdater.logger = null;
  const controller = createUpdateController({ ...deps, updater: autoUpdater });
  controller.start();
  return controller;
}
