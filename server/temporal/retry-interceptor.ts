import { InterceptingCall, ListenerBuilder, Metadata, RequesterBuilder, status as Code, type Interceptor, type NextCall, type StatusObject } from '@grpc/grpc-js';
import { defaultGrpcRetryOptions, type GrpcRetryOptions } from '@temporalio/client';

/**
 * The calls of one connection that have not ended yet, so that closing the connection can end
 * them first (see TemporalConnection.close).
 */
export class LiveCalls {
  private readonly ends = new Set<(details: string) => void>();
  private closedWith: string | undefined;

  get size(): number {
    return this.ends.size;
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Registers a call's way to end; returns its removal. */
  add(end: (details: string) => void): () => void {
    this.ends.add(end);
    return () => this.ends.delete(end);
  }

  /** Ends every call (each with CANCELLED) and refuses every retry from now on. */
  endAll(details: string): void {
    this.closedWith = details;
    for (const end of [...this.ends]) end(details);
  }
}

type Call = ReturnType<NextCall>;

const cancelled = (details: string): StatusObject => ({ code: Code.CANCELLED, details, metadata: new Metadata() });

/**
 * The SDK's gRPC retry interceptor (`makeGrpcRetryInterceptor` in @temporalio/client, same
 * decisions and back-off through `defaultGrpcRetryOptions`), made safe to close under:
 *
 * - the SDK's retries from a timer without a guard, and on a closed connection starting the next
 *   attempt throws "Channel has been shut down" from that timer — an uncaught exception, and a call
 *   that never ends. Here a retry that cannot start ends the call with CANCELLED;
 * - it keeps retrying after the call is cancelled (an AbortSignal, `withAbortSignal`): cancel reaches
 *   only the first attempt. Here cancel clears the pending retry or cancels the attempt in flight;
 * - every call registers in `live`, so closing the connection ends them (LiveCalls.endAll) instead
 *   of leaving long polls running on a closed channel and retries due later.
 */
export function closableRetryInterceptor(live: LiveCalls, retry: GrpcRetryOptions = defaultGrpcRetryOptions()): Interceptor {
  return (options, nextCall) => {
    let metadata = new Metadata(); // the request's, sent again with each retry
    let request: unknown;
    let response: unknown;
    let deliverMessage: ((message: unknown) => void) | undefined;
    let deliverStatus: ((status: StatusObject) => void) | undefined;
    let attempt = 1;
    const first = nextCall(options);
    let current: Call | undefined = first; // the attempt in flight; undefined while waiting to retry
    let timer: NodeJS.Timeout | undefined;
    let ending: string | undefined; // why the call is being ended (cancel or close)
    let done = false;
    let forget: () => void = () => undefined;

    const finish = (status: StatusObject) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      forget();
      deliverMessage?.(response);
      deliverStatus?.(status);
    };

    const onStatus = (status: StatusObject) => {
      current = undefined;
      if (ending === undefined && !live.closed && retry.retryableDecider(attempt, status)) {
        timer = setTimeout(() => again(status), retry.delayFunction(attempt, status));
      } else {
        finish(status);
      }
    };

    const again = (last: StatusObject) => {
      timer = undefined;
      attempt++;
      try {
        const call = nextCall(options);
        current = call;
        call.start(metadata, { onReceiveMessage: (message: unknown) => (response = message), onReceiveStatus: onStatus });
        call.sendMessage(request);
        call.halfClose();
      } catch (err) {
        current = undefined;
        finish(cancelled(`${err instanceof Error ? err.message : String(err)} (retrying after: ${last.details})`));
      }
    };

    /** Cancel or close: the attempt in flight is cancelled (its status ends the call), a pending retry is dropped. */
    const end = (details: string) => {
      if (done || ending !== undefined) return;
      ending = details;
      if (current) current.cancelWithStatus(Code.CANCELLED, details);
      else finish(cancelled(details));
    };

    const requester = new RequesterBuilder()
      .withStart((md, _listener, next) => {
        metadata = md;
        forget = live.add(end);
        const listener = new ListenerBuilder()
          .withOnReceiveMessage((message, nextMessage) => {
            response = message;
            deliverMessage = nextMessage;
          })
          .withOnReceiveStatus((status, nextStatus) => {
            deliverStatus = nextStatus;
            onStatus(status);
          })
          .build();
        next(md, listener);
      })
      .withSendMessage((message, next) => {
        request = message;
        next(message);
      })
      .withCancel(() => end('Cancelled on client'))
      .build();
    return new InterceptingCall(first, requester);
  };
}
