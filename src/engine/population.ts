/**
 * Struct-of-arrays agent stores: one typed array per attribute, one index per agent. No object per agent.
 * Buffers may be SharedArrayBuffers so a shard's state can be read by another thread without copying.
 */
export type ColumnType = 'f64' | 'f32' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8';

type ArrayOf<T extends ColumnType> = T extends 'f64'
  ? Float64Array
  : T extends 'f32'
    ? Float32Array
    : T extends 'i32'
      ? Int32Array
      : T extends 'u32'
        ? Uint32Array
        : T extends 'i16'
          ? Int16Array
          : T extends 'u16'
            ? Uint16Array
            : T extends 'i8'
              ? Int8Array
              : Uint8Array;

export type Schema = Readonly<Record<string, ColumnType>>;
export type Columns<S extends Schema> = { [K in keyof S]: ArrayOf<S[K]> };

const CONSTRUCTORS = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
} as const;

/** Bytes of state per agent for a schema (what `panmine describe` reports). */
export function bytesPerAgent(schema: Schema): number {
  let b = 0;
  for (const t of Object.values(schema)) b += CONSTRUCTORS[t].BYTES_PER_ELEMENT;
  return b;
}

export interface PopulationOptions {
  /** Back the columns with SharedArrayBuffers (for state read across worker threads). */
  shared?: boolean;
}

/**
 * A fixed-capacity population. Agents are added at the end (`add`) and never move, so an index held in
 * an event or another agent's column stays valid; `size` is the number of slots in use.
 */
export class Population<S extends Schema> {
  readonly schema: S;
  readonly capacity: number;
  readonly columns: Columns<S>;
  size = 0;

  constructor(schema: S, capacity: number, options: PopulationOptions = {}) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`Population capacity must be a non-negative integer, got ${capacity}`);
    this.schema = schema;
    this.capacity = capacity;
    const cols: Record<string, ArrayLike<number>> = {};
    for (const [name, type] of Object.entries(schema)) {
      const Ctor = CONSTRUCTORS[type];
      const bytes = Ctor.BYTES_PER_ELEMENT * capacity;
      // The typed-array constructors accept a SharedArrayBuffer; TypeScript's union overloads do not say so.
      const buffer = (options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)) as ArrayBuffer;
      cols[name] = new (Ctor as Float64ArrayConstructor)(buffer);
    }
    this.columns = cols as Columns<S>;
  }

  /** Appends an agent with all attributes zero and returns its index. */
  add(): number {
    if (this.size >= this.capacity) throw new RangeError(`Population is full (capacity ${this.capacity})`);
    return this.size++;
  }

  get bytesPerAgent(): number {
    return bytesPerAgent(this.schema);
  }
}

/** What a population costs, for `panmine describe` and the memory pre-flight. */
export interface PopulationInfo {
  readonly name: string;
  readonly count: number;
  readonly bytesPerAgent: number;
}
