package dev.jmlflow.leaver;

import dev.jmlflow.process.ProvisioningErrors;
import dev.jmlflow.provisioning.IdentityMismatchException;
import dev.jmlflow.provisioning.NotLinkedException;
import dev.jmlflow.provisioning.UnsafeLookupException;
import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * The leaver's reading of provisioning outcomes. An account that cannot be identified safely is
 * {@value #IDENTITY_MISMATCH}: nothing was written, and ops decide. Everything else follows the shared
 * {@link ProvisioningErrors} (a permanent refusal is {@value ProvisioningErrors#PROVISIONING_FAILED}, transient
 * failures propagate for a job retry and end as incidents). Both errors lead to an ops task, never to compensation.
 */
final class LeaverErrors {

    static final String IDENTITY_MISMATCH = "IDENTITY_MISMATCH";

    private LeaverErrors() {
    }

    static void run(String target, Runnable call) {
        ProvisioningErrors.run(target, () -> {
            try {
                call.run();
            } catch (IdentityMismatchException | UnsafeLookupException | NotLinkedException e) {
                throw new BpmnError(IDENTITY_MISMATCH, e.getMessage());
            }
        });
    }
}
