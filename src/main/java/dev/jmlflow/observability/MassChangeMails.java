package dev.jmlflow.observability;

import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.provisioning.DestructiveChange;
import dev.jmlflow.provisioning.MassChangeAlerts;
import dev.jmlflow.policy.JmlflowGroups;
import java.util.Optional;

/** The mass-change guard's mails: to the app owners and ops. */
final class MassChangeMails implements MassChangeAlerts {

    private final NotificationService notifications;

    MassChangeMails(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold) {
        notifications.notify(Recipients.groups(JmlflowGroups.APP_OWNERS, JmlflowGroups.IT_OPS),
                "[jmlflow] Immediate leaver over the mass-change threshold on " + change.target(),
                "The " + change.operation().name().toLowerCase() + " of immediate leaver " + change.employeeId() + " on "
                        + change.target() + " went through: immediate leavers are never held. It is destructive change "
                        + counted + " in the window (threshold " + threshold + "). Check that the leavers are real.",
                Optional.empty());
    }
}
