/** One call from a provider as it arrived: the raw bytes are what signatures are computed over. */
export interface IncomingCall {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
}

export interface CallAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export type CallHandler = (call: IncomingCall) => Promise<CallAnswer>;
