import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * Memory after large texts. Reading a big file allocates several times its size, and V8 keeps
 * the grown heap mapped; the replaced version of a file stays in the old generation until a
 * full collection, which V8 alone does not run while the server is idle (measured: heap and RSS
 * unchanged after 15 s). Once the server has gone quiet, node trees built since are let go and
 * a full collection gives the memory back. Its price: the next large open is slower (about a
 * fifth, bench/profile-open.mjs), as V8 grows the heap again from its collected size.
 */
const IDLE_MS = 200;
/** Text read since the last collection below which there is nothing worth collecting. */
const MIN_CHARS = 1_000_000;

type Collect = () => void;

export class IdleCollector {
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;
  private collect: Collect | null | undefined;

  constructor(private readonly releaseTrees: () => void) {}

  /** A text of `chars` characters was read (an open, a full change, a file from disk). */
  noteText(chars: number): void {
    this.chars += chars;
    if (this.chars >= MIN_CHARS) this.arm();
  }

  /** (Re)starts the quiet period: any activity pushes the collection back. */
  arm(): void {
    if (this.chars < MIN_CHARS) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), IDLE_MS);
    this.timer.unref?.();
  }

  private run(): void {
    this.timer = undefined;
    this.chars = 0;
    this.releaseTrees();
    const collect = this.collector();
    if (!collect) return;
    try {
      // The second collection returns the pages the first one emptied (measured: RSS drops only then).
      collect();
      collect();
    } catch {
      this.collect = null;
    }
  }

  /** V8's gc(), exposed at run time when node was started without --expose-gc. */
  private collector(): Collect | null {
    if (this.collect !== undefined) return this.collect;
    try {
      const exposed = (globalThis as { gc?: unknown }).gc;
      if (typeof exposed === 'function') this.collect = exposed as Collect;
      else {
        v8.setFlagsFromString('--expose-gc');
        this.collect = vm.runInNewContext('gc') as Collect;
      }
    } catch {
      this.collect = null;
    }
    return this.collect;
  }
}
