// Module loader hooks (registered with node:module's register() by module-recorder.ts): after a module is
// loaded, its URL is posted to the thread that registered the hooks. They change nothing that is loaded.
// Plain JavaScript because hook modules are loaded on the loader's own thread.

/** @type {import('node:worker_threads').MessagePort | undefined} */
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  port?.postMessage(url);
  return result;
}
