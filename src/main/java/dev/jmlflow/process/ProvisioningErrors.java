package dev.jmlflow.process;

import dev.jmlflow.provisioning.AccountConflictException;
import dev.jmlflow.provisioning.ProvisioningException;
import dev.jmlflow.provisioning.RetryLaterException;
import dev.jmlflow.scim.ScimException;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * Where provisioning outcomes become BPMN: the one translation every joiner and mover delegate runs its service
 * call through.
 * <ul>
 *   <li>an account that exists but is not ours: {@value #ACCOUNT_CONFLICT} (ops decide);</li>
 *   <li>a request the target refuses for good (400, 403, 409, an unknown group, a broken identity link):
 *       {@value #PROVISIONING_FAILED}, and the request is rolled back;</li>
 *   <li>anything transient (429, 5xx, timeouts, a read-back not yet converged) and anything that means the
 *       target's configuration is wrong (401, 404 on the endpoint, a protocol violation) propagates as a
 *       {@link TargetCallFailedException} naming the target: the job retries, then becomes an incident that ops
 *       can fix and retry, because the request itself is fine.</li>
 * </ul>
 */
public final class ProvisioningErrors {

    public static final String ACCOUNT_CONFLICT = "ACCOUNT_CONFLICT";
    public static final String PROVISIONING_FAILED = "PROVISIONING_FAILED";

    private ProvisioningErrors() {
    }

    public static void run(String target, Runnable call) {
        call(target, () -> {
            call.run();
            return null;
        });
    }

    public static <T> T call(String target, Supplier<T> call) {
        try {
            return call.get();
        } catch (AccountConflictException e) {
            throw new BpmnError(ACCOUNT_CONFLICT, e.getMessage());
        } catch (ProvisioningException e) {
            throw new BpmnError(PROVISIONING_FAILED, e.getMessage());
        } catch (ScimException e) {
            if (isPermanentForTheRequest(e)) {
                throw new BpmnError(PROVISIONING_FAILED, "target " + target + ": refused the request (" + e.getMessage() + ")");
            }
            throw new TargetCallFailedException(target, e);
        } catch (RetryLaterException e) {
            throw new TargetCallFailedException(target, e);
        }
    }

    private static boolean isPermanentForTheRequest(ScimException e) {
        return e instanceof ScimException.BadRequest || e instanceof ScimException.Forbidden
                || e instanceof ScimException.Conflict;
    }
}
