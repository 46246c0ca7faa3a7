import { useApi } from '../api.js';
import { Async, Empty, UserText } from '../components/ui.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { Link } from '../router.js';
import type { CounterpartsResponse } from '../types.js';

/** Whom the account replies to and quotes, and who replies to and quotes it (from post references). */
export function Counterparts({ channelId }: { channelId: number }) {
  const loaded = useApi<CounterpartsResponse>(`/channels/${channelId}/counterparts`);
  return (
    <Async loaded={loaded} what="counterparts">
      {(data) =>
        data.items.length ? (
          <div className="table-wrap">
            <table data-testid="counterparts">
              <thead>
                <tr>
                  <th scope="col">Direction</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Posts
                  </th>
                  <th scope="col">Latest</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={`${c.direction}:${c.kind}:${c.channelId ?? c.handle ?? ''}`}>
                    <td>{c.direction === 'outgoing' ? 'this account →' : '→ this account'}</td>
                    <td>{c.kind}</td>
                    <td>
                      {c.channelId !== null ? (
                        <Link to={`/channel/${c.channelId}`}>
                          <UserText
                            text={c.displayName ?? (c.handle ? `@${c.handle}` : `channel ${c.channelId}`)}
                          />
                        </Link>
                      ) : (
                        <UserText text={c.handle ? `@${c.handle}` : 'an account not imported'} />
                      )}
                      {c.country ? <span className="muted small"> ({c.country})</span> : null}
                    </td>
                    <td className="num">{fmtInt(c.posts)}</td>
                    <td>{fmtDateTime(c.latestAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>
            No reply or quote involving this account among the imported posts (replies and quotes name their
            target; the target appears here when it was imported too).
          </Empty>
        )
      }
    </Async>
  );
}
