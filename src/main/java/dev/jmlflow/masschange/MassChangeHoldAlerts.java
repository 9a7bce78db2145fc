package dev.jmlflow.masschange;

import dev.jmlflow.engine.Engine;
import dev.jmlflow.provisioning.DestructiveChange;
import dev.jmlflow.provisioning.MassChangeAlerts;
import dev.jmlflow.provisioning.MassChangeDecisions;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the app owners' task of a hold (one per hold across the cluster: the node that wins
 * {@link MassChangeDecisions#claimHoldAlert}) and mails them and ops; later held changes refresh the open task's list.
 * Called from the held job, whose transaction rolls back: the task is started in a transaction of its own.
 */
@Component
class MassChangeHoldAlerts implements MassChangeAlerts {

    private static final Logger log = LoggerFactory.getLogger(MassChangeHoldAlerts.class);

    private final MassChangeDecisions decisions;
    private final MassChangeHolds holds;
    private final MassChangeMails mails;
    private final ProcessEngine engine;

    MassChangeHoldAlerts(MassChangeDecisions decisions, MassChangeHolds holds, MassChangeMails mails, ProcessEngine engine) {
        this.decisions = decisions;
        this.holds = holds;
        this.mails = mails;
        this.engine = engine;
    }

    @Override
    public void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold) {
        mails.immediateLeaverOverThreshold(change, counted, threshold, holds.ownerGroup(change.target()));
    }

    @Override
    public void changeHeld(String target) {
        if (!decisions.claimHoldAlert(target)) {
            refreshList(target);
            return;
        }
        String instance;
        try {
            instance = inOwnTransaction(() -> engine.getRuntimeService()
                    .startProcessInstanceByKey(MassChangeHolds.PROCESS, target).getId());
        } catch (RuntimeException e) {
            // the change stays held; the next held admission (at the latest its recheck) claims and tries again
            decisions.rearmHoldAlert(target);
            log.error("target {}: the app owners' task for the mass-change hold could not be opened", target, e);
            return;
        }
        try {
            // a query sees the task only once the start is committed
            String taskId = inOwnTransaction(() -> engine.getTaskService().createTaskQuery()
                    .processInstanceId(instance).singleResult().getId());
            mails.holdStarted(holds.of(target), taskId);
        } catch (RuntimeException e) {
            log.error("target {}: the mail of the mass-change hold was not sent; the task is open in Tasklist", target, e);
        }
    }

    /** Best effort: the list is what the app owners read, the decision does not depend on it. */
    private void refreshList(String target) {
        try {
            inOwnTransaction(() -> {
                showHeldChanges(target);
                return null;
            });
        } catch (OptimisticLockingException concurrent) {
            log.debug("target {}: another job refreshed the held changes at the same time", target);
        } catch (RuntimeException e) {
            log.warn("target {}: the held changes of the open mass-change hold task were not refreshed", target, e);
        }
    }

    private void showHeldChanges(String target) {
        ProcessInstance open = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(MassChangeHolds.PROCESS).processInstanceBusinessKey(target).active()
                .listPage(0, 1).stream().findFirst().orElse(null);
        if (open != null) {
            MassChangeHolds.Hold hold = holds.of(target);
            Object shown = engine.getRuntimeService().getVariable(open.getId(), MassChangeHoldVariables.HELD_CHANGES);
            if (!Objects.equals(shown, hold.list())) {
                engine.getRuntimeService().setVariables(open.getId(), MassChangeHoldVariables.of(hold));
            }
        }
    }

    /** On the system's behalf, in a new engine command and transaction: the held job's one rolls back. */
    private <T> T inOwnTransaction(Callable<T> work) {
        Command<T> command = context -> Engine.withoutAuthorization(work);
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequiresNew().execute(command);
    }
}
