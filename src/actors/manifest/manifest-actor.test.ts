// Unit tests of the manifest actor's queueing with an in-memory publisher (the storage side is tested in test/).
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../errors/index.js';
import type { PublishRequest, PublishResult } from '../../manifest/index.js';
import { startManifestActor } from './index.js';

const request = (id: string): PublishRequest => ({
  branch: 'main',
  precondition: { kind: 'current' },
  expectedPins: new Map(),
  registrations: [],
  pins: [],
  tombstones: [],
  commit: { id, actor: null, createdAtMicros: 1, kind: 'test', message: null, operationId: null },
});

function recordingPublisher(failOn = new Set<string>()) {
  let running = 0;
  let maxRunning = 0;
  const order: string[] = [];
  return {
    stats: () => ({ maxRunning, order }),
    async publish(req: PublishRequest): Promise<PublishResult> {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      order.push(req.commit.id);
      if (failOn.has(req.commit.id)) throw new OmniError('read_set_conflict', 'head moved');
      return { commitId: req.commit.id, manifestVersion: order.length + 1, parents: [], alreadyPublished: false };
    },
  };
}

describe('manifest actor', () => {
  it('runs publishes one at a time, in arrival order', async () => {
    const store = recordingPublisher();
    const actor = startManifestActor(store);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => actor.publish(request(id))));
    expect(results.map((r) => r.commitId)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.stats()).toEqual({ maxRunning: 1, order: ['a', 'b', 'c', 'd'] });
    await actor.stop();
  });

  it('rejects a failed publish with its error and keeps serving', async () => {
    const actor = startManifestActor(recordingPublisher(new Set(['bad'])));
    const bad = actor.publish(request('bad'));
    const good = actor.publish(request('good'));
    await expect(bad).rejects.toMatchObject({ code: 'read_set_conflict' });
    await expect(good).resolves.toMatchObject({ commitId: 'good' });
    await actor.stop();
  });

  it('stop waits for queued publishes and then refuses new ones', async () => {
    const store = recordingPublisher();
    const actor = startManifestActor(store);
    const pending = actor.publish(request('x'));
    await actor.stop();
    await expect(pending).resolves.toMatchObject({ commitId: 'x' });
    await expect(actor.publish(request('y'))).rejects.toMatchObject({ code: 'bad_request' });
  });
});
