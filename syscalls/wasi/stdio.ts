// Stream devices for descriptors 0, 1 and 2 built from the host's stdin source and output sinks, for
// the filesystem's descriptor table (fds can be renumbered or closed like any other).
import type { StreamDevice } from './fs-interface.js';
import type { WasiHost } from './host-interface.js';

export type StdioSource = Pick<WasiHost, 'stdout' | 'stderr' | 'nondet'>;

/** [stdin, stdout, stderr] devices over the host's door and sinks (output bytes are copied). */
export function stdioDevices(io: StdioSource): StreamDevice[] {
  return [
    { read: (max) => io.nondet.stdin(max) },
    { write: (data) => { io.stdout(data.slice()); return data.length; } },
    { write: (data) => { io.stderr(data.slice()); return data.length; } },
  ];
}
