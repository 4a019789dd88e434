/** The `maxRequestBytes` cap on a streamed request body, whose size is unknown until it has been sent. */

/** Counts a streamed request body (size unknown up front) and fails the upload once it passes the limit. */
export function limitUpload(stream: ReadableStream<Uint8Array>, limit: number, error: () => Error): ReadableStream<Uint8Array> {
  let seen = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(error());
        else controller.enqueue(chunk);
      },
    }),
  );
}
