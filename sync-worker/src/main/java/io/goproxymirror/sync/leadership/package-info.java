/**
 * Leader election: the lock that makes one worker lead, its single-process form, the election
 * loop that runs the leader's work, and the error a standby answers with.
 *
 * <p>Depends on RxJava only.
 */
package io.goproxymirror.sync.leadership;
