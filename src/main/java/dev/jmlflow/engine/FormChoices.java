package dev.jmlflow.engine;

import java.util.List;
import java.util.Optional;

/**
 * The options of a start form's select, named in the {@code .form} file by the select's {@code valuesKey}. The
 * server still checks whatever value arrives: the list only helps HR pick it.
 */
public interface FormChoices {

    /** The {@code valuesKey} a select names to get these choices. */
    String valuesKey();

    /**
     * The key of the process whose starters alone may see these choices (the form is readable by more people, e.g.
     * managers who read definitions for their tasks); empty when anyone who may read the form may see them.
     */
    default Optional<String> onlyForStartersOf() {
        return Optional.empty();
    }

    /** At most {@code limit} choices, in the order HR reads them. */
    List<Choice> choices(int limit);

    /**
     * One option: what HR reads, the value the form submits, and what picking it means (shown by a text component
     * that {@code describes} the select; null when there is nothing to say).
     */
    record Choice(String label, String value, String summary) {
    }
}
