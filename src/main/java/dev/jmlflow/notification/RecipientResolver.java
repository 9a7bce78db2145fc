package dev.jmlflow.notification;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns Camunda user and group ids into the users' email addresses. */
@Component
public class RecipientResolver {

    private static final Logger log = LoggerFactory.getLogger(RecipientResolver.class);

    private final IdentityService identityService;

    public RecipientResolver(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** Distinct addresses, sorted; users without an email are skipped with a warning naming the user id. */
    public SortedSet<String> emails(Recipients recipients) {
        Stream<User> direct = recipients.userIds().stream()
                .map(id -> identityService.createUserQuery().userId(id).singleResult())
                .filter(Objects::nonNull);
        Stream<User> members = recipients.groupIds().stream()
                .flatMap(group -> identityService.createUserQuery().memberOfGroup(group).list().stream());
        var emails = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        Stream.concat(direct, members).forEach(user -> {
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                log.warn("Camunda user '{}' has no email address and gets no notification", user.getId());
            } else {
                emails.add(user.getEmail().trim());
            }
        });
        return emails;
    }
}
