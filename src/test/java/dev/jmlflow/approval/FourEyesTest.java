package dev.jmlflow.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.policy.ApprovalDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FourEyesTest {

    private final FourEyes rule = new FourEyes("hr.hanna", "E100", "lee@example.com");

    @Test
    void theRequesterMayNotAct() {
        assertThat(rule.conflict("HR.Hanna ", null)).contains("HR.Hanna  requested this change");
    }

    @Test
    void theSubjectMayNotActByEmployeeId() {
        assertThat(rule.conflict("e100", null)).contains("e100 is the person this request is about");
    }

    @Test
    void theSubjectMayNotActByEmail() {
        assertThat(rule.conflict("lee", "Lee@Example.com")).contains("lee is the person this request is about");
    }

    @Test
    void anyoneElseMayAct() {
        assertThat(rule.conflict("manager1", "max@example.com")).isEmpty();
    }

    @Test
    void whoDecidedOneStageMayNotDecideAnother() {
        assertThat(rule.conflictAtStage("Manager1", null, "app-owners", List.of(decision("manager", "manager1"))))
                .contains("Manager1 already decided another approval stage of this request");
    }

    @Test
    void whoDecidedAStageMayDecideItAgain() {
        assertThat(rule.conflictAtStage("manager1", null, "manager", List.of(decision("manager", "manager1"))))
                .isEmpty();
    }

    @Test
    void anotherPersonsDecisionDoesNotStopAStage() {
        assertThat(rule.conflictAtStage("appowner", null, "app-owners", List.of(decision("manager", "manager1"))))
                .isEmpty();
    }

    @Test
    void atAStageTheRequesterIsStillRefusedFirst() {
        assertThat(rule.conflictAtStage("hr.hanna", null, "manager", List.of())).contains("hr.hanna requested this change");
    }

    private static ApprovalDecision decision(String stage, String decider) {
        return new ApprovalDecision(stage, "Approve access", decider, true, null, Instant.EPOCH);
    }
}
