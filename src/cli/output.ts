// Where a report goes: standard output, or a file opened before the scan starts so a bad path fails at once.
import * as fs from 'node:fs';

/** A text destination that can be written to in pieces. */
export interface Sink {
  /** True when the destination is an interactive terminal (colour is allowed). */
  readonly isTTY: boolean;
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Standard output or another stream; a closed pipe (`leakless scan | head`) ends writing quietly. */
export function streamSink(stream: NodeJS.WritableStream & { isTTY?: boolean }): Sink {
  let broken = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') broken = true;
  });
  return {
    isTTY: stream.isTTY === true,
    write: (text) =>
      new Promise((resolve) => {
        if (broken || text === '') return resolve();
        stream.write(text, () => resolve());
      }),
    close: () => Promise.resolve(),
  };
}

/** A file, created (or truncated) now. Throws with the system's reason if it cannot be opened. */
export async function fileSink(file: string): Promise<Sink> {
  const handle = await fs.promises.open(file, 'w');
  return {
    isTTY: false,
    write: async (text) => {
      if (text !== '') await handle.write(text);
    },
    close: () => handle.close(),
  };
}
