package dev.jmlflow.provisioning;

/** Where the mass-change guard reports what people must know (mail, log); implemented above this layer. */
public interface MassChangeAlerts {

    /** An immediate leaver's change went through although the target's window was already full. */
    void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold);
}
