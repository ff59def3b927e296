// A write path over a real graph for protocol tests: manifest store, manifest actor, sidecars and the GraphWriter.
import { startManifestActor } from '../../src/actors/manifest/index.js';
import { GraphWriter } from '../../src/engine/graph-writer.js';
import type { WriteDeps } from '../../src/exec/writeset/index.js';
import { ManifestStore } from '../../src/manifest/index.js';
import { SidecarStore } from '../../src/recovery/sidecar-store.js';
import { connectLance } from '../../src/store/lance/index.js';
import { openObjectStore } from '../../src/store/object/open.js';
import { KeyedMutex } from '../../src/util/keyed-mutex.js';

/** An open write path; `close` releases everything. */
export interface WriteHarness {
  readonly writer: GraphWriter;
  readonly manifest: ManifestStore;
  readonly deps: WriteDeps;
  readonly sidecars: SidecarStore;
  close(): Promise<void>;
}

/**
 * Open the write path of the graph at `uri`. The lease is this process's alone here (epoch `epoch`, never fenced):
 * the lease itself is tested in test/recovery; these suites test the phases and recovery around it.
 */
export async function openWriteHarness(uri: string, epoch = 1): Promise<WriteHarness> {
  const manifestConn = await connectLance(uri, { readConsistencyInterval: 0 });
  const data = await connectLance(uri);
  const manifest = await ManifestStore.open(manifestConn, { readOnly: false });
  const actor = startManifestActor(manifest);
  const objects = openObjectStore(uri);
  const sidecars = new SidecarStore(objects);
  const deps: WriteDeps = {
    state: (b) => manifest.state(b),
    publish: (r) => actor.publish(r),
    data,
    sidecars,
    lease: { epoch: () => epoch, assertLive: () => undefined },
  };
  const writer = new GraphWriter(deps, new KeyedMutex());
  return {
    writer,
    manifest,
    deps,
    sidecars,
    async close() {
      await actor.stop();
      manifest.close();
      manifestConn.close();
      data.close();
      await objects.close();
    },
  };
}
