package dev.jmlflow.masschange;

import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.provisioning.DestructiveChange;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The mass-change guard's mails: to the target's app owners and ops. */
@Component
class MassChangeMails {

    private final NotificationService notifications;

    MassChangeMails(NotificationService notifications) {
        this.notifications = notifications;
    }

    void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold, String ownerGroup) {
        notifications.notify(Recipients.groups(ownerGroup, JmlflowGroups.IT_OPS),
                "[jmlflow] Immediate leaver over the mass-change threshold on " + change.target(),
                "The " + change.operation().name().toLowerCase() + " of immediate leaver " + change.employeeId() + " on "
                        + change.target() + " went through: immediate leavers are never held. It is destructive change "
                        + counted + " in the window (threshold " + threshold + "). Check that the leavers are real.",
                Optional.empty());
    }

    /** The hold started: the task that decides it is {@code taskId}. */
    void holdStarted(MassChangeHolds.Hold hold, String taskId) {
        notifications.notify(Recipients.groups(hold.ownerGroup(), JmlflowGroups.IT_OPS),
                "[jmlflow] " + MassChangeHolds.taskName(hold.target()),
                "jmlflow holds destructive changes on " + hold.target() + ": more than " + hold.threshold()
                        + " deactivations, deletions or group removals within " + hold.window() + ". Nothing more of"
                        + " that kind is sent to " + hold.target() + " until an app owner decides.\n\n"
                        + "Held so far: " + hold.changes().size() + "\n" + hold.list() + "\n\n"
                        + "A wrong HR feed or a rule change can look like this. Open the task to allow N more changes"
                        + " or to stop the held ones (each then becomes an incident for ops to retry or cancel).",
                Optional.of(taskId));
    }
}
