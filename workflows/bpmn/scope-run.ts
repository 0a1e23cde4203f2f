import { CancellationScope } from '@temporalio/workflow';
import type { CaseEndStatus } from './messages';

// A running (sub-)process scope: the tokens moving through it, its joins, and how it ends.
// The scope is done when its last token is consumed, when a terminate end event ends it,
// or when a token throws (an uncaught BPMN error travels to the enclosing scope).

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

export class ScopeRun {
  readonly cancellation = new CancellationScope();
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

  spawn(elementId: string, first?: FirstStep): void {
    if (this.settled) return;
    this.live += 1;
    const tokenId = this.tokens.add(elementId, this.id);
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
          this.settled = true;
          this.cancellation.cancel();
          this.rejectDone(err);
        },
      );
  }

  /** A terminate end event: every other token of this scope stops where it is. */
  terminate(): void {
    this.settle('terminated');
    this.cancellation.cancel();
  }

  private settle(status: CaseEndStatus): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveDone(status);
  }
}
