/**
 * Logging helpers of the mirror: the throttled log that turns a flood of one event into one line
 * per interval with a count.
 *
 * <p>Depends on SLF4J only.
 */
package io.goproxymirror.mirror.logs;
