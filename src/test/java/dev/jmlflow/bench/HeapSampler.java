package dev.jmlflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the app's heap. Once a second, as IT ops would, the heap in use through {@code /actuator/metrics}.
 * While {@link #probeLive} is on, at a fixed interval the live data: {@code jcmd GC.class_histogram} collects the
 * whole heap and sums what survives, which is what the heap must hold. Micrometer's {@code jvm.gc.live.data.size}
 * is no measure of that under G1: it reports the old generation after young and mixed collections, garbage that
 * no concurrent cycle has reclaimed yet included (757 MB where a full collection left 113-161 MB, on H2 at 4,000
 * joiners).
 */
final class HeapSampler implements AutoCloseable {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final long appPid;
    private final Duration probeInterval;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean probing;
    private volatile double maxUsed;
    private volatile double maxLive;
    private volatile int probes;
    private volatile RuntimeException probeFailure;

    HeapSampler(JmlflowDriver driver, long appPid, Duration probeInterval) {
        this.appPid = appPid;
        this.probeInterval = probeInterval;
        thread = new Thread(() -> {
            long nextProbe = Long.MAX_VALUE;
            while (!stopped) {
                double used = driver.metric("jvm.memory.used", "area:heap");
                if (used > maxUsed) {
                    maxUsed = used;
                }
                if (!probing) {
                    nextProbe = Long.MAX_VALUE;
                } else if (nextProbe == Long.MAX_VALUE) {
                    nextProbe = System.nanoTime() + probeInterval.toNanos();
                } else if (System.nanoTime() >= nextProbe) {
                    nextProbe = System.nanoTime() + probeInterval.toNanos();
                    try {
                        probeOnce();
                    } catch (RuntimeException e) {
                        // kept for probeLive to throw: a batch whose heap went unwatched must not pass 5b
                        probeFailure = e;
                    }
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

    /**
     * Measures the live data every interval while the work runs, and once more when it is done. Each probe stops
     * the app for a full collection (0.3-0.5 s at 1 GB), so only the batch whose heap is judged runs under it.
     */
    <T> T probeLive(Callable<T> work) throws Exception {
        probing = true;
        T result;
        try {
            result = work.call();
        } finally {
            probing = false;
        }
        probeOnce();
        if (probeFailure != null) {
            throw new IllegalStateException("a live-data probe during the batch failed", probeFailure);
        }
        return result;
    }

    private synchronized void probeOnce() {
        double live = liveBytes();
        probes++;
        if (live > maxLive) {
            maxLive = live;
        }
    }

    private double liveBytes() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(appPid), "GC.class_histogram"))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher total = HISTOGRAM_TOTAL.matcher(output);
            if (!total.find()) {
                throw new IllegalStateException("jcmd " + appPid + " GC.class_histogram printed no total: "
                        + output.substring(0, Math.min(300, output.length())));
            }
            return Double.parseDouble(total.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("jcmd " + jcmd + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    double maxUsed() {
        return maxUsed;
    }

    /** The most live data a probe found, in bytes; 0 when none ran. */
    double maxLive() {
        return maxLive;
    }

    int probes() {
        return probes;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
    }
}
