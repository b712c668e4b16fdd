// Wraps a real source so integration tests can cut the informer off the API server without stopping it.
import type { KubernetesObject } from '@kubernetes/client-node';
import { apiErrorFromResponse } from '../../client/kube-api.error.js';
import type { WatchHandle } from '../../client/watch-event.js';
import type { ListWatchSource } from '../list-watch-source.js';

/** A source whose watches can be aborted or refused (503) on demand; counts lists and watches. */
export class PartitionableSource<
  T extends KubernetesObject = KubernetesObject,
> implements ListWatchSource<T> {
  partitioned = false;
  lists = 0;
  watches = 0;
  private current: WatchHandle | undefined;

  constructor(private readonly inner: ListWatchSource<T>) {}

  list: ListWatchSource<T>['list'] = async (scope, options) => {
    this.lists++;
    if (this.partitioned) throw apiErrorFromResponse('list', 503, 'partitioned');
    return this.inner.list(scope, options);
  };

  watch: ListWatchSource<T>['watch'] = (options, onEvent) => {
    this.watches++;
    if (this.partitioned) {
      return {
        abort: () => undefined,
        done: Promise.reject(apiErrorFromResponse('watch', 503, 'partitioned')),
      };
    }
    this.current = this.inner.watch(options, onEvent);
    return this.current;
  };

  /** Drops the open watch stream, as a flaky network would. */
  dropWatch(): void {
    this.current?.abort();
  }
}
