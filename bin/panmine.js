#!/usr/bin/env node
// panmine's command line: registers the tsx loader (panmine runs its TypeScript sources directly) and starts the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
