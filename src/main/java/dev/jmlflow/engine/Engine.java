package dev.jmlflow.engine;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** Small helpers for code that runs inside the engine (listeners, delegates). */
public final class Engine {

    private Engine() {
    }

    /**
     * Runs {@code work} without authorization checks when called inside an engine command. Rules and identities
     * that a listener consults on the system's behalf (DMN tables, the subject's user record) must not depend on
     * what the user who happens to trigger the listener may read.
     */
    public static <T> T withoutAuthorization(Callable<T> work) {
        CommandContext context = Context.getCommandContext();
        try {
            return context == null ? work.call() : context.runWithoutAuthorization(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
