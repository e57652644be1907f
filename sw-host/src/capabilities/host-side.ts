/**
 * The shape a host-side module must have for a WIT interface whose types jco generated
 * (wit-types/): `createX(...) satisfies HostSide<typeof Generated>`.
 *
 * jco's types describe a synchronous host that throws a `result`'s error. The glue takes more, and
 * so does this type: a function may return its `result` as `{ tag: 'ok' | 'err', val }`, and with
 * JSPI (jspi-imports.ts) a promise of its answer; which functions must be listed for JSPI is
 * checked at run time against the functions that are async
 * (runtime/instance/instance-imports.test.ts). Parameters are compared both ways (as methods
 * are), since a host takes the resources it made back in its own types.
 */

/** Values that pass between guest and host as they are. */
type Plain = string | number | bigint | boolean | symbol | undefined | null | void | Uint8Array;

/** A function type whose parameters are checked bivariantly, as a method's are. */
type Bivariant<Args extends unknown[], Result> = { method(...args: Args): Result }['method'];

/** What a host function may answer for a WIT function that returns `T`. */
type Answer<T> = HostSide<T> | { tag: 'ok'; val: HostSide<T> } | { tag: 'err'; val: unknown };

export type HostSide<T> = T extends Plain
  ? T
  : T extends (...args: infer Args) => infer Result
    ? Bivariant<
        { [I in keyof Args]: HostSide<Args[I]> },
        Answer<Awaited<Result>> | Promise<Answer<Awaited<Result>>>
      >
    : { [K in keyof T]: HostSide<T[K]> };

/**
 * What a component's `instantiate` is given: each interface's host side (typed against its WIT
 * where it is made, with `HostSide`), keyed by the interface's name without its version, as
 * jco's glue looks them up.
 */
export type ImportObject = Readonly<Record<string, object>>;
