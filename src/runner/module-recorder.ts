import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * The modules a thread loads from the moment the recorder starts: ES modules through a loader hook (which sees
 * every module the ESM loader loads, static or dynamic `import()`, whoever imports it), CommonJS files through
 * `require.cache`. This is how a sweep learns which source files its runs are computed by: a run worker starts
 * the recorder before it imports anything, so nothing it loads is missed, and a module a model loads only
 * while it runs is seen after that run (see worker.ts).
 */
export class ModuleRecorder {
  private readonly seen = new Set<string>();
  private readonly cjsBefore: ReadonlySet<string>;

  constructor(private readonly port: MessagePort) {
    this.cjsBefore = new Set(Object.keys(require.cache));
  }

  /** The file: URLs of every module loaded since the recorder started. */
  loaded(): string[] {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const url = String(m.message);
      if (url.startsWith('file:')) this.seen.add(url);
    }
    for (const path of Object.keys(require.cache)) if (!this.cjsBefore.has(path)) this.seen.add(pathToFileURL(path).href);
    return [...this.seen];
  }
}

// One recorder per thread: loader hooks, once registered, stay for the thread's life.
let active: ModuleRecorder | undefined;

/** Starts recording this thread's module loads (once; later calls return the same recorder). */
export function startModuleRecorder(): ModuleRecorder {
  if (active) return active;
  const { port1, port2 } = new MessageChannel();
  register(new URL('./module-recorder-hooks.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
  port1.unref();
  active = new ModuleRecorder(port1);
  return active;
}

/** This thread's recorder, if it was started. */
export function activeModuleRecorder(): ModuleRecorder | undefined {
  return active;
}
