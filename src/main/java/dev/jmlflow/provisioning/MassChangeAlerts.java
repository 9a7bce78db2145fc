package dev.jmlflow.provisioning;

/** Where the mass-change guard reports what people must know (mail, log); implemented above this layer. */
public interface MassChangeAlerts {

    /** An immediate leaver's change went through although the target's window was already full. */
    void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold);

    /**
     * A change of {@code target} was held, after the hold was committed: the app owners' task must exist (opened
     * once per hold, see {@link MassChangeDecisions#claimHoldAlert}) and list it. Runs in the held job's thread, whose
     * transaction rolls back.
     */
    void changeHeld(String target);
}
