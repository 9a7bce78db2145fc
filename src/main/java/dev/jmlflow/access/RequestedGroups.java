package dev.jmlflow.access;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the groups HR requests on a start form: {@code target:group} entries separated by commas or new lines,
 * e.g. {@code coralogix:observability-admins, coginiti:analysts}. Group names are restricted to a safe alphabet
 * because they end up in SCIM filters.
 */
public final class RequestedGroups {

    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9-]{0,62}):([A-Za-z0-9][A-Za-z0-9 ._-]{0,127})");

    private RequestedGroups() {
    }

    /** The requested groups, in input order; throws {@link IllegalArgumentException} naming a malformed entry. */
    public static List<TargetGroup> parse(String text) {
        List<TargetGroup> groups = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return groups;
        }
        for (String raw : text.split("[,;\\n]")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            var match = ENTRY.matcher(entry);
            if (!match.matches()) {
                throw new IllegalArgumentException("'" + entry.replaceAll("\\p{Cntrl}", "?")
                        + "' is not of the form target:group (letters, digits, space, '.', '_' and '-')");
            }
            groups.add(new TargetGroup(match.group(1), match.group(2)));
        }
        return groups;
    }
}
