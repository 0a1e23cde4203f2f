import { Connection, type ConnectionOptions, type ConnectionPlugin } from '@temporalio/client';
import { closableRetryInterceptor, LiveCalls } from './retry-interceptor';

/**
 * The Temporal client connection every part of Shouwen makes (API, CLI, launcher, tools, tests):
 * the SDK's `Connection`, whose calls are retried by `closableRetryInterceptor`, and whose `close()`
 * first ends the calls still under way — each rejects with CANCELLED — and then closes the channel.
 *
 * With the SDK's own retry interceptor, a call retried or still in flight when its connection was
 * closed later threw "Channel has been shut down" from a timer: an uncaught exception in whatever
 * then ran in that process (CI 84: 34 of them in the browser test files that followed).
 */
export class TemporalConnection extends Connection {
  // Replaced by lazy() right after construction with the interceptor's (which exists before the connection does).
  private live = new LiveCalls();

  /** Calls started and not ended yet (tests and diagnostics). */
  get liveCalls(): number {
    return this.live.size;
  }

  static override lazy(options: ConnectionOptions = {}): TemporalConnection {
    const live = new LiveCalls();
    const connection = super.lazy({ ...options, interceptors: [closableRetryInterceptor(live)] });
    if (!(connection instanceof TemporalConnection)) throw new Error('@temporalio/client: Connection.lazy no longer constructs the subclass it is called on');
    connection.live = live;
    return connection;
  }

  static override async connect(options: ConnectionOptions = {}): Promise<TemporalConnection> {
    const connection = TemporalConnection.lazy(options);
    try {
      await connection.ensureConnected();
    } catch (err) {
      await connection.close();
      throw err;
    }
    return connection;
  }

  /** Ends the calls under way (CANCELLED, "Temporal connection closed"), then closes the channel. */
  override async close(): Promise<void> {
    this.live.endAll('Temporal connection closed');
    await super.close();
  }
}

/**
 * For the connections Shouwen does not make itself (TestWorkflowEnvironment's): the same retries,
 * so a retry due after their close() ends the call with CANCELLED instead of throwing. Their
 * close() is the SDK's, so it does not end the calls still under way.
 */
export function closableRetriesPlugin(): ConnectionPlugin {
  const live = new LiveCalls();
  return { name: 'shouwen.closable-retries', configureConnection: (options) => ({ ...options, interceptors: [closableRetryInterceptor(live)] }) };
}
