import { ConfigError } from '../../core/errors.ts';
import { absolutePath, type ClusterSweepOptions, intIn, runOptions, shardDir, validate } from './sweep-options.ts';

// The same pattern as `slurm.ts`, as Kubernetes: an Indexed Job (one pod per completion index = shard), then a merge Job.

export interface KubernetesOptions extends ClusterSweepOptions {
  /** Container image that holds node, panmine and the experiment file (at the same absolute paths). */
  readonly image: string;
  readonly namespace?: string;
  /**
   * A ReadWriteMany PersistentVolumeClaim mounted at `mountPath` in every pod: the shards and the merge
   * must see the same `outDir`, so `outDir` must lie under `mountPath`.
   */
  readonly volumeClaim?: string;
  /** Where the claim is mounted (default `/data`). */
  readonly mountPath?: string;
  /** Retries per index before the Job fails (default 3). */
  readonly backoffLimit?: number;
}

export interface KubernetesManifests {
  /** The Indexed Job: completions = parallelism = n, `--shard $(JOB_COMPLETION_INDEX)/n`. */
  readonly indexedJob: string;
  /** The merge Job; apply it after `kubectl wait --for=condition=complete job/<name>`. */
  readonly mergeJob: string;
}

const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A YAML scalar: JSON's double-quoted strings are valid YAML. */
const y = (s: string): string => JSON.stringify(s);

/**
 * Renders the Kubernetes equivalent of `slurmScripts`: an Indexed Job whose pod i runs
 * `panmine run <file> --shard i/n --out <outDir>/shards/i --workers C --resume …` (i from the
 * JOB_COMPLETION_INDEX the Job controller sets), and a Job that merges the shards. Arguments are passed
 * as a list (no shell), so nothing needs shell quoting.
 */
export function kubernetesJobs(opts: KubernetesOptions): KubernetesManifests {
  const v = validate(opts);
  const name = (opts.jobName ?? v.jobName)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  if (!K8S_NAME_RE.test(name)) throw new ConfigError('jobName', opts.jobName ?? v.jobName, 'allowed: a DNS-1123 label (lower-case letters, digits, "-")');
  if (typeof opts.image !== 'string' || opts.image.trim() === '' || /\s/.test(opts.image))
    throw new ConfigError('image', opts.image, 'allowed: a container image reference, e.g. ghcr.io/org/panmine:1.0');
  if (opts.namespace !== undefined && !K8S_NAME_RE.test(opts.namespace)) throw new ConfigError('namespace', opts.namespace, 'allowed: a DNS-1123 label');
  const mountPath = absolutePath('mountPath', opts.mountPath ?? '/data');
  if (opts.volumeClaim !== undefined) {
    if (!K8S_NAME_RE.test(opts.volumeClaim)) throw new ConfigError('volumeClaim', opts.volumeClaim, 'allowed: the name of a PersistentVolumeClaim (DNS-1123)');
    if (!(v.outDir === mountPath || v.outDir.startsWith(`${mountPath}/`)))
      throw new ConfigError('outDir', v.outDir, `allowed: a folder under the volume's mountPath ${mountPath}`);
  }
  const backoffLimit = intIn('backoffLimit', opts.backoffLimit ?? 3, 0, 1000);
  const n = v.shards;
  const [exe, ...pre] = v.panmineCommand;
  const runArgs = [
    ...pre,
    'run',
    v.experimentFile,
    '--shard',
    `$(JOB_COMPLETION_INDEX)/${n}`,
    '--out',
    `${v.outDir}/shards/$(JOB_COMPLETION_INDEX)`,
    ...runOptions(v),
  ];
  // --force: the out folder also holds shards/ (see slurmScripts).
  const mergeArgs = [...pre, 'merge', ...Array.from({ length: n }, (_, i) => shardDir(v.outDir, i)), '--out', v.outDir, '--force'];
  const list = (indent: string, words: readonly string[]) => words.map((w) => `${indent}- ${y(w)}`).join('\n');
  const job = (jobName: string, spec: string[], args: readonly string[], cpus: number) =>
    [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      `  name: ${jobName}`,
      ...(opts.namespace ? [`  namespace: ${opts.namespace}`] : []),
      '  labels:',
      `    app.kubernetes.io/name: panmine`,
      `    panmine/sweep: ${name}`,
      'spec:',
      ...spec.map((l) => `  ${l}`),
      `  backoffLimit: ${backoffLimit}`,
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - name: panmine',
      `          image: ${y(opts.image)}`,
      `          workingDir: ${y(v.workDir)}`,
      `          command: [${y(exe!)}]`,
      '          args:',
      list('            ', args),
      '          resources:',
      `            requests: { cpu: "${cpus}" }`,
      ...(opts.volumeClaim
        ? [
            '          volumeMounts:',
            `            - { name: results, mountPath: ${y(mountPath)} }`,
            '      volumes:',
            `        - name: results`,
            `          persistentVolumeClaim: { claimName: ${opts.volumeClaim} }`,
          ]
        : []),
      '',
    ].join('\n');
  const indexedJob = job(name, ['completionMode: Indexed', `completions: ${n}`, `parallelism: ${n}`], runArgs, v.cpus);
  const mergeJob = job(`${name}-merge`.slice(0, 63), [], mergeArgs, 1);
  return { indexedJob, mergeJob };
}
