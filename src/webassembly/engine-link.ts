// The two-way link between the JS API's wrapper objects (WebAssembly.Memory, Table, Global) and the
// engine objects behind them: one wrapper per engine object (so an export seen twice is the same JS
// object), the receiver check of every method, and the lookup of an engine object from any JS value.

export class EngineLink<E extends object, J extends object> {
  private readonly engineOf = new WeakMap<object, E>();
  private readonly jsOf = new WeakMap<E, J>();

  /**
   * `iface` names the interface in errors ('WebAssembly.Memory'); `proto` gives the prototype of
   * wrappers made for engine objects; `onAttach` runs once for each linked engine object.
   */
  constructor(
    private readonly iface: string, private readonly proto: () => object,
    private readonly onAttach: ((e: E) => void) | null = null,
  ) {}

  /** Makes `obj` the wrapper of `e`. */
  attach(obj: J, e: E): void {
    this.engineOf.set(obj, e);
    this.jsOf.set(e, obj);
    if (this.onAttach !== null) this.onAttach(e);
  }

  /** The engine object of a method's receiver; TypeError when it is not a wrapper of this kind. */
  self(obj: unknown, where: string): E {
    const e = this.engineOf.get(obj as object);
    if (e === undefined) throw new TypeError(`${where}: Receiver is not a ${this.iface}`);
    return e;
  }

  /** The wrapper of an engine object (made on first use). */
  wrap(e: E): J {
    let obj = this.jsOf.get(e);
    if (obj === undefined) {
      obj = Object.create(this.proto()) as J;
      this.attach(obj, e);
    }
    return obj;
  }

  /** The engine object behind a wrapper of this kind, or undefined for any other value. */
  engine(v: unknown): E | undefined {
    return typeof v === 'object' && v !== null ? this.engineOf.get(v) : undefined;
  }
}
