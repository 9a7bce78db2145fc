package dev.jmlflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.access.TargetGroup;
import dev.jmlflow.engine.LiteralFeel;
import dev.jmlflow.process.DmnAccessRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * What the access rules cost a joiner's start: the shipped decisions ({@code processes/*.dmn}) as a joiner with six
 * requested groups evaluates them (birthright once, then each group's privilege and separation-of-duties rules: 13
 * decisions, each written to history as {@code full} does), on an engine with Camunda's FEEL engine alone (the
 * baseline) and with {@link LiteralFeel}, in the same run. Both must give the same answers.
 * Sizes: {@code -Dbench.decisions.joiners=2000} (after as many again to warm up).
 */
class DecisionBenchmark {

    private static final List<TargetGroup> REQUESTED = List.of(new TargetGroup("coralogix", "observability-viewers"),
            new TargetGroup("coralogix", "observability-admins"), new TargetGroup("cortex", "engineering"),
            new TargetGroup("cortex", "service-owners"), new TargetGroup("coginiti", "analysts"),
            new TargetGroup("coginiti", "data-admins"));

    @Test
    void aJoinersAccessDecisionsWithAndWithoutLiteralFeel() throws Exception {
        int joiners = Integer.getInteger("bench.decisions.joiners", Boolean.getBoolean("bench.smoke") ? 200 : 2000);

        Measured baseline = measure(false, joiners);
        Measured literal = measure(true, joiners);

        String table = String.format(Locale.ROOT, """

                | a joiner's 13 access decisions (%,d joiners) | Camunda's FEEL engine (baseline) | with %s |
                |---|---|---|
                | time per joiner | %.2f ms | %.2f ms |
                """, joiners, LiteralFeel.class.getSimpleName(), baseline.msPerJoiner(), literal.msPerJoiner());
        System.out.println(table);
        Path dir = Files.createDirectories(Path.of(System.getProperty("bench.outputDir", "target/bench"), "decisions"));
        Files.writeString(dir.resolve("results.md"), table);
        assertThat(literal.answers()).isEqualTo(baseline.answers());
    }

    record Measured(double msPerJoiner, List<String> answers) {}

    private static Measured measure(boolean literalFeel, int joiners) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:decisions-" + literalFeel + ";DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setProcessEngineName("decisions-" + literalFeel);
        if (literalFeel) {
            configuration.getProcessEnginePlugins().add(new LiteralFeel());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addClasspathResource("processes/birthright-access.dmn")
                    .addClasspathResource("processes/privileged-groups.dmn")
                    .addClasspathResource("processes/separation-of-duties.dmn").deploy();
            DmnAccessRules rules = new DmnAccessRules(engine.getDecisionService());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < joiners; i++) {
                answers = evaluate(rules); // warm-up
            }
            long start = System.nanoTime();
            for (int i = 0; i < joiners; i++) {
                evaluate(rules);
            }
            return new Measured((System.nanoTime() - start) / 1e6 / joiners, answers);
        } finally {
            engine.close();
        }
    }

    private static List<String> evaluate(DmnAccessRules rules) {
        List<String> answers = new ArrayList<>();
        answers.add(rules.birthright("Site Reliability", "SRE Lead").toString());
        for (TargetGroup group : REQUESTED) {
            answers.add(group + " privileged " + rules.isPrivileged(group) + ", " + rules.separationOfDuties(group));
        }
        return answers;
    }
}
