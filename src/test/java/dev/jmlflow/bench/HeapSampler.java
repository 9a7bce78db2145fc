package dev.jmlflow.bench;

/**
 * Samples the app's heap once a second through {@code /actuator/metrics} (as IT ops): the highest heap in use, and
 * the highest live data after a collection ({@code jvm.gc.live.data.size}), which is what the heap must hold.
 */
final class HeapSampler implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stopped;
    private volatile double maxUsed;
    private volatile double maxLive;

    HeapSampler(JmlflowDriver driver) {
        thread = new Thread(() -> {
            while (!stopped) {
                double used = driver.metric("jvm.memory.used", "area:heap");
                double live = driver.metric("jvm.gc.live.data.size", null);
                if (used > maxUsed) {
                    maxUsed = used;
                }
                if (live > maxLive) {
                    maxLive = live;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    double maxUsed() {
        return maxUsed;
    }

    double maxLive() {
        return maxLive;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
    }
}
