// A least-recently-used cache bounded by a total weight (not an entry count): the layout's memo
// keeps set paragraphs, whose size is their unit count, and a long paragraph must count for more.

export class LruCache<V> {
  /** A Map iterates in insertion order: the first key is the least recently used. */
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly maxWeight: number) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Move to the most recent end.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** An entry heavier than the whole cache is not kept. */
  set(key: string, value: V, weight: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.weight;
      this.entries.delete(key);
    }
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.entries.delete(k);
      this.total -= e.weight;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }
}
