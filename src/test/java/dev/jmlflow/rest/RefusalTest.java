package dev.jmlflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.approval.ApprovalRefusedException;
import java.io.FileInputStream;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

/** How a refusal is recognised among an exception's causes and how its message is put in the form's words. */
class RefusalTest {

    private static final Map<String, String> JOINER_LABELS = Map.of("givenName", "Given name", "managerId",
            "Manager", "startDate", "Start date");

    @Test
    void badInputWrappedByTheEngineAndTheRestApiIsA400WithItsOwnMessage() {
        var cause = new NotValidException("The request was not started. email: is required");
        var wrapped = new RestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
                new ProcessEngineException("ENGINE-03051 listener failed", cause), "Cannot instantiate process definition joiner:1:x");

        assertThat(Refusal.in(wrapped)).contains(new Refusal(400, "NotValidException",
                "The request was not started. email: is required"));
    }

    @Test
    void aForbiddenOperationIsA403() {
        assertThat(Refusal.in(new ProcessEngineException("wrapped", new ApprovalRefusedException("Four-eyes rule: no"))))
                .hasValueSatisfying(refusal -> assertThat(refusal.status()).isEqualTo(403));
    }

    @Test
    void anyOtherFailureIsNoRefusal() {
        assertThat(Refusal.in(new ProcessEngineException("Unknown property used in expression",
                new IllegalStateException("boom")))).isEmpty();
    }

    @Test
    void eachFieldKeyIsReplacedByItsLabelAfterTheSentenceThatSaysWhatDidNotHappen() {
        Refusal refusal = new Refusal(400, "NotValidException", "The request was not started. givenName: may hold "
                + "letters only; managerId: nobody is not a user in the group managers; startDate: 2026-02-30 is not a date");

        assertThat(refusal.labelled(JOINER_LABELS)).isEqualTo("The request was not started. Given name: may hold "
                + "letters only; Manager: nobody is not a user in the group managers; Start date: 2026-02-30 is not a date");
    }

    @Test
    void aVariableTheFormDoesNotHaveKeepsItsNameAndOtherWordingStaysAsItIs() {
        Refusal refusal = new Refusal(400, "NotValidException", "The request was not started. requester: is not a "
                + "field of the start form; Separation of duties: finance-admin and payments conflict");

        assertThat(refusal.labelled(JOINER_LABELS)).isEqualTo(refusal.message());
    }

    @Test
    void theLabelsOfAFormAreItsFieldLabelsAndADateFieldsDateLabel() throws Exception {
        Map<String, String> labels = RefusedOperation.labels(new FileInputStream("forms/joiner-start.form"));

        assertThat(labels).containsEntry("employeeId", "Employee ID").containsEntry("email", "Work email")
                .containsEntry("managerId", "Manager").containsEntry("startDate", "Start date")
                .containsEntry("requestedGroups", "Extra groups (optional)");
    }

    @Test
    void theLogLineShowsControlBidiAndZeroWidthCharactersEscaped() {
        assertThat(RefusalMappers.printable("a\nb\u202Ec\u200Bd\u0007")).isEqualTo("a\\u000Ab\\u202Ec\\u200Bd\\u0007");
    }
}
