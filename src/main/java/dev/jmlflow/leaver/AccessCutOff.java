package dev.jmlflow.leaver;

import dev.jmlflow.provisioning.AccessFence;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningProperties;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.provisioning.RetryLaterException;
import dev.jmlflow.targets.TargetProperties;
import dev.jmlflow.targets.TargetSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The leaver's side of the access fence (cut by {@link LeaverFindLinkedAccounts}): removes access on each target
 * (a create attempt first resolved by lookup), and reads the result back only once nothing admitted before the
 * cut-off can still land. A write admitted before the cut-off (a POST, a membership PATCH, a reactivation) may
 * reach the target up to the target's timeouts plus the create settle window after its admission, possibly after
 * the first deactivation; the final read-back therefore waits for that moment and repairs what it finds.
 */
@Component("leaverAccessCutOff")
public class AccessCutOff {

    private final ProvisioningService provisioning;
    private final AccessFence fence;
    private final LeaverAccounts accounts;
    private final TargetProperties targets;
    private final ProvisioningProperties timing;
    private final Clock clock;

    @Autowired
    public AccessCutOff(ProvisioningService provisioning, AccessFence fence, LeaverAccounts accounts,
                        TargetProperties targets, ProvisioningProperties timing) {
        this(provisioning, fence, accounts, targets, timing, Clock.systemUTC());
    }

    AccessCutOff(ProvisioningService provisioning, AccessFence fence, LeaverAccounts accounts, TargetProperties targets,
                 ProvisioningProperties timing, Clock clock) {
        this.provisioning = provisioning;
        this.fence = fence;
        this.accounts = accounts;
        this.targets = targets;
        this.timing = timing;
        this.clock = clock;
    }

    /** Deactivates the account and reads it back; a create attempt is first resolved to an account or to none. */
    public void deactivate(String target, String employeeId) {
        provisioning.resolvePendingCreate(target, employeeId, callBound(target));
        provisioning.deactivate(target, employeeId);
    }

    /** Takes the account out of every group it is in; an account that is gone has none. */
    public void removeGroups(String target, String employeeId) {
        if (!gone(target, employeeId)) {
            provisioning.currentGroups(target, employeeId)
                    .forEach(group -> provisioning.removeMembership(target, employeeId, group));
        }
    }

    /**
     * The read-back the leaver's "access removed" rests on: inactive (or absent) and in no group, read after the last
     * write admitted before the cut-off has settled. Anything else is a {@link RetryLaterException}, never done.
     */
    public void verifyRemoved(String target, String employeeId) {
        Optional<Instant> settled = fence.lastAdmission(target, employeeId)
                .map(admitted -> admitted.plus(callBound(target)).plus(timing.createSettleWindow()));
        Instant now = Instant.now(clock);
        if (settled.isPresent() && settled.get().isAfter(now)) {
            throw new RetryLaterException(target, "a write for employee " + employeeId + " admitted before the cut-off"
                    + " may still land until " + settled.get() + "; reading back after that",
                    Duration.between(now, settled.get()));
        }
        if (!provisioning.readsInactive(target, employeeId)) {
            deactivate(target, employeeId); // a late reactivation landed after the first deactivation
        }
        if (gone(target, employeeId)) {
            return;
        }
        Set<String> left = provisioning.currentGroups(target, employeeId);
        if (!left.isEmpty()) {
            // a late membership landed after the first removal
            left.forEach(group -> provisioning.removeMembership(target, employeeId, group));
            if (!provisioning.currentGroups(target, employeeId).isEmpty()) {
                throw new RetryLaterException(target, "the account of employee " + employeeId
                        + " still shows group memberships after their removal", null);
            }
        }
    }

    private boolean gone(String target, String employeeId) {
        return accounts.state(target, employeeId).filter(state -> state == LinkState.DELETED).isPresent();
    }

    private Duration callBound(String target) {
        TargetSettings settings = targets.targets().get(target);
        return (settings != null ? settings : new TargetSettings(null, null, null, null, null, null, null, null, null)).callBound();
    }
}
