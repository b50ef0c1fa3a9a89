/**
 * Group commit: submissions that arrive while a commit is in flight wait and
 * then share the next one, so a burst of scans costs one transaction (one
 * fsync under strict durability) instead of one each. Each submitter still
 * resolves only once the commit that holds its item finished, with its own
 * outcome. Commits never overlap, so whatever the commit assigns (a seq) stays
 * in submission order.
 */
export interface GroupCommitOptions<T, R> {
  /** Writes the items in one transaction; returns one outcome per item, in order. Throwing fails the whole group. */
  commit(items: readonly T[]): Promise<readonly R[]>;
  /** The outcome for every item of a group whose commit threw. */
  onGroupError(err: unknown, item: T): R;
  /** Upper bound of items per commit (the rest wait for the next one). */
  maxItems?: number;
}

export class GroupCommitter<T, R> {
  private queue: { item: T; resolve: (r: R) => void }[] = [];
  private flushing = false;
  private readonly maxItems: number;
  /** Sizes of the groups committed so far (for tests and the status screen's diagnostics). */
  readonly groupSizes: number[] = [];

  constructor(private readonly o: GroupCommitOptions<T, R>) {
    this.maxItems = o.maxItems ?? 256;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve) => {
      this.queue.push({ item, resolve });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxItems);
        const items = group.map((g) => g.item);
        let outcomes: readonly R[];
        try {
          outcomes = await this.o.commit(items);
        } catch (err) {
          outcomes = items.map((item) => this.o.onGroupError(err, item));
        }
        if (this.groupSizes.length < 1000) this.groupSizes.push(group.length);
        group.forEach((g, i) => g.resolve(outcomes[i] as R));
      }
    } finally {
      this.flushing = false;
    }
  }
}
