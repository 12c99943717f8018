// Imported first by every run worker (see worker-pool.ts), before the worker module: from here on, every module
// the thread loads is recorded.
import { startModuleRecorder } from './module-recorder.ts';

startModuleRecorder();
