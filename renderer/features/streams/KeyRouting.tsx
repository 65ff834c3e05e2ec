// Type a partition key (or an explicit hash key) and see, on every keystroke and without a round trip, its
// MD5, its 128-bit hash key, its place on the key space and the open shard it goes to.
import { useState } from 'react';
import type { ShardRow } from '../../../shared/contract/streams';
import { routeKey } from '../../../shared/domain/keyRouting';
import { KeySpaceBar } from '../../components/KeySpaceBar';
import { Segmented } from '../../components/Segmented';
import { keyInput, keyKinds, keyProblem, type KeyKind } from '../../state/keyText';

export function KeyRouting({ shards }: { shards: readonly ShardRow[] }) {
  const [kind, setKind] = useState<KeyKind>('partition');
  const [text, setText] = useState('');
  const problem = keyProblem(kind, text, null);
  const key = keyInput(kind, text);
  const route = key ? routeKey(shards, key) : null;
  return (
    <div className="key-routing">
      <KeySpaceBar shards={shards} marker={route?.positionPercent ?? null} target={route?.shardId ?? null} />
      <div className="key-input-row">
        <Segmented label="Key kind" options={keyKinds} value={kind} onChange={setKind} />
        <input
          className="input key-input"
          aria-label={kind === 'partition' ? 'Partition key to route' : 'Explicit hash key to route'}
          placeholder={kind === 'partition' ? 'Type a partition key, e.g. user-42' : 'A decimal hash key, e.g. 170141183460469231731687303715884105728'}
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          data-testid="route-input"
        />
      </div>
      {problem ? <p className="field-problem">{problem}</p> : null}
      {route ? (
        <dl className="route-facts" data-testid="route-result" aria-live="polite">
          {route.md5Hex ? (
            <div>
              <dt>MD5</dt>
              <dd>
                <code>{route.md5Hex}</code>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Hash key</dt>
            <dd>
              <code>{route.hashKey}</code>
            </dd>
          </div>
          <div>
            <dt>Position</dt>
            <dd>{route.positionPercent.toFixed(4)}% of the key space</dd>
          </div>
          <div>
            <dt>Goes to</dt>
            <dd data-testid="route-shard">
              {route.shardId ? <strong>{route.shardId}</strong> : <span className="problem">No open shard holds this key right now (the stream is mid-transition).</span>}
            </dd>
          </div>
        </dl>
      ) : !problem ? (
        <p className="muted">Routing happens here in the window, with the same MD5 rule Kinesis applies.</p>
      ) : null}
    </div>
  );
}
