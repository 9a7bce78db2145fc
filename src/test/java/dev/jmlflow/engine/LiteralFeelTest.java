package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast FEEL answers against Camunda's FEEL engine, and the plugin in a real engine's DMN. */
class LiteralFeelTest {

    private static final FeelEngine CAMUNDA = new ScalaFeelEngineFactory().createInstance();

    /** Camunda's engine, counting how often it is asked. */
    private static final class Counting implements FeelEngine {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
            asked.incrementAndGet();
            return CAMUNDA.evaluateSimpleExpression(expression, variables);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
            asked.incrementAndGet();
            return CAMUNDA.evaluateSimpleUnaryTests(expression, inputVariable, variables);
        }
    }

    private final Counting camunda = new Counting();
    private final LiteralFeel.Engine literalFeel = new LiteralFeel.Engine(camunda);

    private static VariableContext cell(Object input) {
        return Variables.createVariables().putValue("cellInput", input).putValue("target", "coralogix").asVariableContext();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"coralogix\"", "\"cortex\"", " \"coralogix\" ", "\"cortex\", \"coralogix\"", "\"a\",\"b\"",
            "\"\"", "\"coralogix\" \"cortex\"", "\"coralogix\",", "-", "not(\"coralogix\")", "\"cora\\\"logix\"",
            "\"coralogix\", not(\"x\")", "target", "\"coralogix\" or true"})
    void everyUnaryTestIsAnsweredAsCamundasFeelAnswersIt(String test) {
        for (Object input : new Object[] {"coralogix", "cortex", "", "a", 5, null}) {
            assertThat(outcome(() -> literalFeel.evaluateSimpleUnaryTests(test, "cellInput", cell(input))))
                    .as("%s against %s", test, input)
                    .isEqualTo(outcome(() -> CAMUNDA.evaluateSimpleUnaryTests(test, "cellInput", cell(input))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"target", " target ", "cellInput", "missing", "true", "null", "\"coralogix\"", "target + \"x\"",
            "upper case(target)"})
    void everyExpressionIsAnsweredAsCamundasFeelAnswersIt(String expression) {
        for (Object input : new Object[] {"cortex", 5, null}) {
            assertThat(outcome(() -> literalFeel.evaluateSimpleExpression(expression, cell(input))))
                    .as("%s with cellInput %s", expression, input)
                    .isEqualTo(outcome(() -> CAMUNDA.evaluateSimpleExpression(expression, cell(input))));
        }
    }

    /** The answer, or the error's message: a cell Camunda refuses must be refused the same way. */
    private static Object outcome(Supplier<Object> evaluation) {
        try {
            return evaluation.get();
        } catch (RuntimeException refused) {
            return refused.getClass().getName() + ": " + refused.getMessage();
        }
    }

    @Test
    void textLiteralsTestedAgainstTextAndNamesOfTextNeverReachCamundasEngine() {
        literalFeel.evaluateSimpleUnaryTests("\"coralogix\"", "cellInput", cell("cortex"));
        literalFeel.evaluateSimpleUnaryTests("\"cortex\", \"coralogix\"", "cellInput", cell("coralogix"));
        literalFeel.evaluateSimpleExpression("target", cell("cortex"));

        assertThat(camunda.asked).hasValue(0);
    }

    @Test
    void anythingElseIsCamundasEnginesToAnswer() {
        literalFeel.evaluateSimpleUnaryTests("\"5\"", "cellInput", cell(5));
        literalFeel.evaluateSimpleUnaryTests("not(\"coralogix\")", "cellInput", cell("cortex"));
        literalFeel.evaluateSimpleExpression("upper case(target)", cell("cortex"));

        assertThat(camunda.asked).hasValue(3);
    }

    @Test
    void aProcessEngineWithThePluginEvaluatesItsDecisionsThroughIt() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:literal-feel;DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setProcessEngineName("literal-feel");
        configuration.getProcessEnginePlugins().add(new LiteralFeel());
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addClasspathResource("processes/privileged-groups.dmn").deploy();

            assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(LiteralFeel.Engine.class);
            assertThat(privileged(engine, "coralogix", "observability-admins")).containsExactly(true);
            assertThat(privileged(engine, "coralogix", "observability-viewers")).isEmpty();
        } finally {
            engine.close();
        }
    }

    private static List<Object> privileged(ProcessEngine engine, String target, String group) {
        return engine.getDecisionService().evaluateDecisionByKey("privileged-groups")
                .variables(Map.of("target", target, "group", group)).evaluate()
                .collectEntries("privileged");
    }
}
