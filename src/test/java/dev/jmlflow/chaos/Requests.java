package dev.jmlflow.chaos;

import dev.jmlflow.bench.AppUnderTest;
import dev.jmlflow.bench.JmlflowDriver;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Starts and approves requests while nodes die: before each step it asks the database whether the step already
 * happened (a call may have succeeded just before the kill, its answer lost), so a request is never started twice;
 * a failed call is tried again on whichever node is alive, a start whose outcome is unknown only once it is known
 * not to have committed.
 */
final class Requests {

    /** How long a start whose answer was lost may still commit on a node that is alive (the client waits 60 s). */
    private static final Duration IN_DOUBT = Duration.ofMinutes(2);

    private record InDoubt(AppUnderTest node, long since) {
    }

    private final ChaosRig rig;
    private final Map<String, InDoubt> inDoubt = new ConcurrentHashMap<>();

    Requests(ChaosRig rig) {
        this.rig = rig;
    }

    /** Every employee's joiner started and approved, on {@code drivers} threads; returns once all are approved. */
    void joinAndApprove(List<String> employeeIds) {
        ExecutorService pool = Executors.newFixedThreadPool(rig.settings.drivers());
        try {
            List<Future<?>> all = new java.util.ArrayList<>();
            employeeIds.forEach(id -> all.add(pool.submit(() -> joinAndApprove(id))));
            for (Future<?> each : all) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void joinAndApprove(String employeeId) {
        rig.await(employeeId + " started and approved", () -> {
            if (!startedOnce("joiner", employeeId, JmlflowDriver::startJoiner)) {
                return false;
            }
            if (approved(employeeId)) {
                return true;
            }
            String processInstanceId = processInstance("joiner", employeeId);
            if (rig.count("SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'approveAccess' AND proc_inst_id_ = '"
                    + processInstanceId + "'") == 1) {
                rig.driver(rig.liveNode()).approve(processInstanceId);
            }
            return approved(employeeId);
        });
    }

    /** Starts the immediate leaver once the employee's joiner has ended (once, whatever dies meanwhile). */
    void leaveWhenJoined(String employeeId) {
        rig.await(employeeId + " joined", () -> ended("joiner", employeeId));
        rig.await(employeeId + " leaving", () -> startedOnce("leaver", employeeId, JmlflowDriver::startImmediateLeaver));
    }

    /**
     * True once history holds the employee's request; otherwise starts it on a live node, unless an earlier start
     * is in doubt: its call failed after reaching a node that is still alive (a client timeout, a reset), so its
     * transaction may yet commit. Such a start is sent again only once its node has died (what it committed is in
     * history by then) or {@link #IN_DOUBT} has passed.
     */
    private boolean startedOnce(String definition, String employeeId, BiConsumer<JmlflowDriver, String> start) {
        String key = definition + " " + employeeId;
        InDoubt doubt = inDoubt.get(key);
        // asked before history, so that a node found dead here has committed all it ever will
        boolean mayStart = doubt == null || !doubt.node().alive() || since(doubt.since()).compareTo(IN_DOUBT) > 0;
        if (instances(definition, employeeId) > 0) {
            inDoubt.remove(key);
            return true;
        }
        if (!mayStart) {
            return false;
        }
        AppUnderTest node = rig.liveNode();
        try {
            start.accept(rig.driver(node), employeeId);
        } catch (IllegalStateException failed) {
            if (reachedTheNode(failed)) {
                inDoubt.put(key, new InDoubt(node, System.nanoTime()));
            }
            throw failed;
        }
        inDoubt.remove(key);
        return instances(definition, employeeId) > 0;
    }

    /** A call that failed on the way (not refused on connect, not answered with an error) may have committed. */
    private static boolean reachedTheNode(IllegalStateException failed) {
        return failed.getCause() instanceof IOException && !(failed.getCause() instanceof ConnectException);
    }

    /**
     * Waits until every request with a business key starting with the prefix is done: a joiner or mover has
     * ended; a leaver has removed all access and mailed "access removed" (it then waits out the retention period
     * before it asks to delete the accounts, far beyond this run).
     */
    void awaitAllDone(String prefix, long expected) {
        rig.await(expected + " requests " + prefix + "* done", () -> done(prefix) >= expected);
    }

    long started(String prefix) {
        return rig.count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE '" + prefix + "%'");
    }

    long done(String prefix) {
        return rig.count("SELECT count(*) FROM act_hi_procinst p WHERE p.business_key_ LIKE '" + prefix + "%' AND (p.end_time_ IS NOT NULL"
                + " OR (p.proc_def_key_ = 'leaver' AND EXISTS (SELECT 1 FROM act_hi_actinst a WHERE a.proc_inst_id_ = p.id_"
                + " AND a.act_id_ = 'Task_NotifyAccessRemoved' AND a.end_time_ IS NOT NULL)))");
    }

    /** Joiners that reached "access provisioned" (not rejected, rolled back or aborted). */
    long provisioned(String prefix) {
        return rig.count("SELECT count(*) FROM act_hi_actinst a JOIN act_hi_procinst p ON a.proc_inst_id_ = p.id_"
                + " WHERE a.act_id_ = 'EndEvent_AccessProvisioned' AND a.end_time_ IS NOT NULL AND p.business_key_ LIKE '" + prefix + "%'");
    }

    private long instances(String definition, String employeeId) {
        return rig.count("SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = '" + definition
                + "' AND business_key_ = '" + employeeId + "'");
    }

    private boolean ended(String definition, String employeeId) {
        return rig.count("SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = '" + definition
                + "' AND business_key_ = '" + employeeId + "' AND end_time_ IS NOT NULL") == 1;
    }

    private boolean approved(String employeeId) {
        return rig.count("SELECT count(*) FROM act_hi_actinst a JOIN act_hi_procinst p ON a.proc_inst_id_ = p.id_"
                + " WHERE a.act_id_ = 'approveAccess' AND a.end_time_ IS NOT NULL AND p.business_key_ = '" + employeeId + "'") > 0;
    }

    private String processInstance(String definition, String employeeId) {
        return rig.text("SELECT id_ FROM act_hi_procinst WHERE proc_def_key_ = '" + definition
                + "' AND business_key_ = '" + employeeId + "'");
    }

    static List<String> employees(String prefix, int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(i -> "%s%04d".formatted(prefix, i)).toList();
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
