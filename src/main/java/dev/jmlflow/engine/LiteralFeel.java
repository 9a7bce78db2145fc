package dev.jmlflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Answers the two commonest FEEL cells of a decision table itself: an input expression that names a text variable
 * ({@code target}), and an input entry that lists text literals ({@code "coralogix"}, {@code "a", "b"}) tested
 * against a text input. Everything else, and these when the value is not text, goes to Camunda's FEEL engine.
 * <p>
 * Why: feel-scala 1.19 (Camunda 7.24) builds its table of built-in functions anew for every expression it
 * evaluates ({@code FeelEngine.rootContext}); a joiner's start evaluates 13 small decisions (birthright, and each
 * requested group's privilege and separation-of-duties rules) of about six cells each, and that construction was
 * most of their cost (60 % of the decisions' CPU samples in a flight recording). For these cells FEEL's answer is
 * plain: the variable's text, or whether the input equals one of the literals. {@code LiteralFeelTest} checks each
 * fast answer against Camunda's engine.
 */
public class LiteralFeel extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isDmnFeelEnableLegacyBehavior()) {
            return; // the legacy FEEL engine has no such cost and other rules
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (dmn.getFeelEngineFactory() == null) {
            // read when the DMN engine is built, after the process engine has handed it its custom functions
            dmn.setFeelEngineFactory(() -> new Engine(
                    new ScalaFeelEngineFactory(dmn.getFeelCustomFunctionProviders()).createInstance()));
        }
        configuration.setDmnEngineConfiguration(dmn);
    }

    static final class Engine implements FeelEngine {

        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        /** A text literal without escapes, and the comma that may follow it. */
        private static final Pattern LITERAL = Pattern.compile("\\s*\"([^\"\\\\]*)\"\\s*(,|$)");
        private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "not", "and", "or", "between",
                "in", "for", "return", "if", "then", "else", "some", "every", "satisfies", "instance", "of",
                "function", "external", "date", "time", "duration");

        private final FeelEngine feel;

        Engine(FeelEngine feel) {
            this.feel = feel;
        }

        @Override
        @SuppressWarnings("unchecked") // the caller asks for what the expression yields; a name of a text yields text
        public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
            String name = expression.strip();
            String text = NAME.matcher(name).matches() && !KEYWORDS.contains(name) && variables.containsVariable(name)
                    ? text(variables.resolve(name)) : null;
            return text != null ? (T) text : feel.evaluateSimpleExpression(expression, variables);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
            List<String> literals = literals(expression);
            String input = variables.containsVariable(inputVariable) ? text(variables.resolve(inputVariable)) : null;
            if (literals != null && input != null) {
                return literals.contains(input);
            }
            return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
        }

        /** The literals of {@code "a", "b"}; null for any other expression. */
        static List<String> literals(String expression) {
            List<String> literals = new ArrayList<>();
            Matcher literal = LITERAL.matcher(expression);
            for (int at = 0; at < expression.length(); at = literal.end()) {
                if (!literal.region(at, expression.length()).lookingAt()) {
                    return null;
                }
                literals.add(literal.group(1));
                if (literal.group(2).isEmpty()) {
                    return literals;
                }
            }
            return null; // empty, or a trailing comma
        }

        private static String text(TypedValue value) {
            return value != null && value.getValue() instanceof String text ? text : null;
        }
    }
}
