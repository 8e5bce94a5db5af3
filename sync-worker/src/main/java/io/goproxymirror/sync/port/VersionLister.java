package io.goproxymirror.sync.port;

import io.reactivex.rxjava3.core.Single;
import java.util.List;

/**
 * Lists a module's versions from its sources now (the upstream list, or the Git tags of a private
 * module), for the watch-list polls. Implemented by the mirror. Fails with {@link PrefetchFailure}
 * (permanent when the module does not exist) or any other error (transient).
 */
@FunctionalInterface
public interface VersionLister {
  Single<List<String>> versions(String modulePath);
}
