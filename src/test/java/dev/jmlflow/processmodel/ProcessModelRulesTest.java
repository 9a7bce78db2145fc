package dev.jmlflow.processmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.engine.RetryProfileModels;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lint rules catch the mistakes they are meant to catch, on small hand-made models. */
class ProcessModelRulesTest {

    private static RemoteCallingBeans beans;

    @BeforeAll
    static void scan() {
        beans = RemoteCallingBeans.scan("dev.jmlflow");
    }

    @Test
    void delegatesThatReachScimOrMailAreRecognised() {
        assertThat(beans.callsOut("${leaverDeactivateAccount}", null, null, null)).isTrue();
        assertThat(beans.callsOut("${leaverNotifyOps}", null, null, null)).isTrue();
        assertThat(beans.callsOut(null, "${requestNotifications.completed(execution)}", null, null)).isTrue();
        assertThat(beans.callsOut("${leaverFindLinkedAccounts}", null, null, null)).as("reads identity links only").isFalse();
    }

    @Test
    void aTaskNamingABeanThatDoesNotExistFailsTheLint() {
        assertThatThrownBy(() -> beans.callsOut("${noSuchBean}", null, null, null)).hasMessageContaining("noSuchBean");
    }

    @Test
    void aScimTaskWithoutAsyncOrRetryProfileIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_Deactivate").camundaDelegateExpression("${leaverDeactivateAccount}")
                .endEvent().done();

        assertThat(ProcessModelRules.remoteTasksAreAsyncWithRetryProfile(model, beans)).containsExactly(
                "Task_Deactivate: calls SCIM or mail but is not asyncBefore",
                "Task_Deactivate: calls SCIM or mail but has no retryProfile");
    }

    @Test
    void aScimTaskThatIsAsyncWithARetryProfileComplies() {
        BpmnModelInstance model = RetryProfileModels.withRetryProfile(Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_Deactivate").camundaDelegateExpression("${leaverDeactivateAccount}")
                .camundaAsyncBefore().endEvent().done(), "Task_Deactivate", "cut-off");

        assertThat(ProcessModelRules.remoteTasksAreAsyncWithRetryProfile(model, beans)).isEmpty();
    }

    @Test
    void aParallelAppLoopWithNonExclusiveJobsWhoseInstanceEndsInsideTheScimJobIsReported() {
        assertThat(ProcessModelRules.parallelInstancesJoinInTheirOwnJob(parallelApps(false))).containsExactly(
                "EndEvent_AppDone: ends an instance of SubProcess_App, whose jobs are not exclusive, but is not an"
                        + " exclusive asyncBefore save point");
    }

    @Test
    void aParallelAppLoopWhoseInstancesEndInTheirOwnJobComplies() {
        assertThat(ProcessModelRules.parallelInstancesJoinInTheirOwnJob(parallelApps(true))).isEmpty();
    }

    /** Apps in parallel, each one non-exclusive SCIM job; the end of each app is its own job or not. */
    private static BpmnModelInstance parallelApps(boolean joinInOwnJob) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1).startEvent()
                .subProcess("SubProcess_App").embeddedSubProcess().startEvent()
                .serviceTask("Task_Call").camundaAsyncBefore().camundaExclusive(false).camundaExpression("${true}")
                .endEvent("EndEvent_AppDone").subProcessDone()
                .multiInstance().parallel().camundaCollection("${apps}").camundaElementVariable("app").multiInstanceDone()
                .endEvent().done();
        if (joinInOwnJob) {
            model.<org.camunda.bpm.model.bpmn.instance.EndEvent>getModelElementById("EndEvent_AppDone").setCamundaAsyncBefore(true);
        }
        return model;
    }

    @Test
    void anErrorBoundaryWithoutANamedErrorIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_Update").camundaExpression("${true}")
                .boundaryEvent("BoundaryEvent_UpdateRefused").errorEventDefinition().errorEventDefinitionDone()
                .endEvent().done();

        assertThat(ProcessModelRules.errorBoundariesCatchNamedErrors(model)).containsExactly(
                "BoundaryEvent_UpdateRefused: catches every error, not a named one");
    }

    @Test
    void anEventIdWithAnotherKindsPrefixIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Requested").intermediateCatchEvent("TimerEvent_LastDayEnded").timerWithDuration("PT1H")
                .endEvent("EndEvent_Done").done();

        assertThat(ProcessModelRules.eventIdsHaveTheirKindsPrefix(model)).containsExactly(
                "TimerEvent_LastDayEnded: a IntermediateCatchEvent id starts with IntermediateEvent_");
    }

    @Test
    void aProcessWithoutHistoryTimeToLiveIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLiveString(null)
                .startEvent().endEvent().done();

        assertThat(ProcessModelRules.executableProcessesHaveHistoryTimeToLive(model)).containsExactly(
                "p: executable without camunda:historyTimeToLive");
    }

    @Test
    void aCompensationBoundaryOnADeactivationIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_Deactivate").camundaExpression("${true}")
                .boundaryEvent("BoundaryEvent_Undo").compensateEventDefinition().compensateEventDefinitionDone()
                .compensationStart().serviceTask("Task_Reactivate").camundaExpression("${true}").compensationDone()
                .endEvent().done();

        assertThat(ProcessModelRules.noCompensation(model)).containsExactlyInAnyOrder(
                "BoundaryEvent_Undo: compensation boundary on Task_Deactivate",
                "Task_Reactivate: compensation handler");
    }

    @Test
    void aUserTaskWithoutADeployedFormIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_NoForm")
                .userTask("Task_UnknownForm").camundaFormRef("missing").camundaFormRefBinding("deployment")
                .userTask("Task_LatestForm").camundaFormRef("leaver-waiver").camundaFormRefBinding("latest")
                .userTask("Task_GoodForm").camundaFormRef("leaver-waiver").camundaFormRefBinding("deployment")
                .endEvent().done();

        assertThat(ProcessModelRules.formsAreDeployedCamundaForms(model, Set.of("leaver-waiver"))).containsExactly(
                "Task_NoForm: no camunda:formRef",
                "Task_UnknownForm: form 'missing' is not the id of any file in forms/",
                "Task_LatestForm: form must be bound with camunda:formRefBinding=\"deployment\"");
    }

    @Test
    void formIdsComeFromTheFormFiles() {
        assertThat(ProcessModelLintTest.formIds()).contains("leaver-start", "leaver-waiver", "approve-deletion");
    }
}
