import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { CaseEndStatus } from './messages';

// A running (sub-)process scope: the tokens moving through it, its joins, and how it ends.
// The scope is done when its last token is consumed, when a terminate end event ends it,
// or when a token throws (an uncaught BPMN error travels to the enclosing scope). Its event
// sub-processes (behaviours/event-sub-processes.ts) may catch that error or interrupt it.

export interface TokenPosition {
  elementId: string;
  scopeId: string;
}

export class TokenRegistry {
  readonly positions = new Map<number, TokenPosition>();
  private next = 1;
  add(elementId: string, scopeId: string): number {
    const id = this.next++;
    this.positions.set(id, { elementId, scopeId });
    return id;
  }
  move(id: number, elementId: string): void {
    const p = this.positions.get(id);
    if (p) p.elementId = elementId;
  }
  remove(id: number): void {
    this.positions.delete(id);
  }
}

/** Replaces executing the token's first element: how a resumed token re-enters its wait. */
export type FirstStep = (tokenId: number) => Promise<string[] | 'absorbed'>;
export type TokenRunner = (tokenId: number, elementId: string, scope: ScopeRun, first?: FirstStep) => Promise<void>;

/** What a scope's event sub-processes add to it. */
export interface ScopeEvents {
  /** A token's error: true when an error event sub-process took it (and started), so the scope goes on. */
  caught(err: unknown, tokenId: number): boolean;
  /** The scope ended, however: what waited beside it stops. */
  ended(): void;
}

export class ScopeRun {
  /** Where the scope's own cancellation hangs, so an interruption can start a fresh one in its place. */
  private readonly parent = CancellationScope.current();
  private cancellation = new CancellationScope();
  /** Bumped by an interruption: tokens of an older generation were stopped on purpose. */
  private generation = 0;
  events: ScopeEvents | undefined;
  /** Parallel joins: tokens arrived so far, per gateway, and how often it has fired. */
  readonly parallelJoins = new Map<string, { arrived: number; fired: number }>();
  /** Inclusive joins: the group of tokens waiting at each gateway. */
  readonly inclusiveGroups = new Map<string, { tokens: number[]; fired: boolean }>();
  readonly done: Promise<CaseEndStatus>;
  private live = 0;
  private settled = false;
  private resolveDone!: (status: CaseEndStatus) => void;
  private rejectDone!: (err: unknown) => void;

  constructor(
    readonly id: string,
    private readonly tokens: TokenRegistry,
    private readonly runToken: TokenRunner,
  ) {
    this.done = new Promise<CaseEndStatus>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
  }

  spawn(elementId: string, first?: FirstStep): number | undefined {
    if (this.settled) return undefined;
    this.live += 1;
    const tokenId = this.tokens.add(elementId, this.id);
    const generation = this.generation;
    this.cancellation
      .run(() => this.runToken(tokenId, elementId, this, first))
      .then(
        () => {
          this.tokens.remove(tokenId);
          this.live -= 1;
          if (this.live === 0) this.settle('completed');
        },
        (err: unknown) => {
          this.tokens.remove(tokenId);
          this.live -= 1;
          if (this.settled) return;
          // Stopped by an interrupting event sub-process, or an error one took its error: the scope goes on.
          if ((generation < this.generation && isCancellation(err)) || this.events?.caught(err, tokenId)) {
            if (this.live === 0) this.settle('completed');
            return;
          }
          this.settled = true;
          this.cancellation.cancel();
          this.events?.ended();
          this.rejectDone(err);
        },
      );
    return tokenId;
  }

  /** Something waiting beside the tokens failed (an event sub-process's trigger): the scope fails as a token's error would fail it. */
  fail(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.cancellation.cancel();
    this.events?.ended();
    this.rejectDone(err);
  }

  /** An interrupting event sub-process: every token now in the scope stops; tokens spawned afterwards run. */
  interrupt(): void {
    this.generation += 1;
    const stopped = this.cancellation;
    this.cancellation = new CancellationScope({ cancellable: true, parent: this.parent });
    stopped.cancel();
  }

  /** A terminate end event: every other token of this scope stops where it is. */
  terminate(): void {
    this.settle('terminated');
    this.cancellation.cancel();
  }

  private settle(status: CaseEndStatus): void {
    if (this.settled) return;
    this.settled = true;
    this.events?.ended();
    this.resolveDone(status);
  }
}
