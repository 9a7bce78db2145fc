package dev.jmlflow.approval;

/** An approval task operation that the four-eyes rules forbid; the operation is rolled back. */
public class ApprovalRefusedException extends RuntimeException {

    public ApprovalRefusedException(String message) {
        super(message);
    }
}
