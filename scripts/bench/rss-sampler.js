"use strict";
/**
 * Samples the process's resident set size every 2 ms from a worker thread (the main thread is
 * busy inside the engine and cannot sample itself) and keeps the peak in shared memory.
 * shared[0] = peak RSS in bytes since the last reset; the main thread resets it by writing 0.
 */
const { workerData } = require("worker_threads");
const { setInterval } = require("timers");

const peak = new Float64Array(workerData.buffer);
setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peak[0]) peak[0] = rss;
}, 2);
