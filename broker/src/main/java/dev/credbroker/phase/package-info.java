/**
 * The life of a run phase: open (track before handing out), heartbeat and renewal, close, and the reaper.
 */
package dev.credbroker.phase;
