package dev.jmlflow.engine;

import dev.jmlflow.provisioning.MassChangeHeldException;
import dev.jmlflow.targets.TargetQuarantinedException;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The jobs a target's OPEN breaker holds back: each failed with {@link TargetQuarantinedException} and was
 * rescheduled for the next half-open probe plus a margin. When the breaker closes they are due at once, so that a
 * repaired target's work resumes now rather than up to a probe interval later. The same for the jobs the
 * mass-change guard holds ({@link MassChangeHeldException}) once the app owner decided.
 */
public final class QuarantinedJobs {

    private final ManagementService management;

    public QuarantinedJobs(ManagementService management) {
        this.management = management;
    }

    /** Makes every job held back for {@code target} due now; returns how many. */
    public int wake(String target) {
        return wakeFailedWith(TargetQuarantinedException.marker(target));
    }

    /** Makes every job the mass-change guard holds for {@code target} due now; returns how many. */
    public int wakeHeldChanges(String target) {
        return wakeFailedWith(MassChangeHeldException.marker(target));
    }

    private int wakeFailedWith(String marker) {
        Date now = ClockUtil.getCurrentTime();
        // the engine can filter on an exact message only; the reason in it differs per opening
        List<Job> held = management.createJobQuery().withException().duedateHigherThan(now).list().stream()
                .filter(job -> job.getExceptionMessage() != null && job.getExceptionMessage().contains(marker))
                .toList();
        held.forEach(job -> management.setJobDuedate(job.getId(), now));
        return held.size();
    }
}
