package dev.jmlflow.employee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the employee registry promises, on whichever database a subclass gives it (H2 here, PostgreSQL in
 * {@code dev.jmlflow.postgres}). Each test uses its own employee id, so they share one migrated database.
 */
public abstract class EmployeeRegistryContract {

    private static final LocalDate START = LocalDate.of(2026, 3, 2);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 9, 30);

    protected abstract EmployeeRegistry registry();

    @Test
    void aNewHireIsStoredWithEveryFact() {
        EmployeeRecord hire = person(EmployeeStatus.PRE_HIRE);

        registry().saveUnlessEmployed(hire);

        assertThat(registry().find(hire.employeeId())).contains(hire);
    }

    @Test
    void anUnknownEmployeeIsNotFound() {
        assertThat(registry().find("E-nobody")).isEmpty();
    }

    @Test
    void savingTheSameFactsTwiceKeepsOneRecord() {
        EmployeeRecord active = person(EmployeeStatus.ACTIVE);

        registry().save(active);
        registry().save(active);

        assertThat(registry().find(active.employeeId())).contains(active);
    }

    @Test
    void aPreHireIsNotEmployedButAnActiveOrLeavingPersonIs() {
        assertThat(person(EmployeeStatus.PRE_HIRE).employed()).isFalse();
        assertThat(person(EmployeeStatus.ACTIVE).employed()).isTrue();
        assertThat(person(EmployeeStatus.LEAVING).employed()).isTrue();
        assertThat(person(EmployeeStatus.LEFT).employed()).isFalse();
    }

    @Test
    void aSecondApprovedJoinerDoesNotOverwriteAnEmployedPerson() {
        EmployeeRecord active = person(EmployeeStatus.ACTIVE);
        registry().save(active);

        registry().saveUnlessEmployed(renamed(active, EmployeeStatus.PRE_HIRE));

        assertThat(registry().find(active.employeeId())).contains(active);
    }

    @Test
    void aRehireAfterLeavingStartsAsPreHireWithTheNewFacts() {
        EmployeeRecord active = person(EmployeeStatus.ACTIVE);
        registry().save(active);
        registry().left(active.employeeId(), LAST_DAY);

        EmployeeRecord rehire = renamed(active, EmployeeStatus.PRE_HIRE);
        registry().saveUnlessEmployed(rehire);

        assertThat(registry().find(active.employeeId())).contains(rehire);
    }

    @Test
    void aMoveChangesOnlyTheRole() {
        EmployeeRecord active = person(EmployeeStatus.ACTIVE);
        registry().save(active);

        registry().changeRole(active.employeeId(), "Site Reliability", "SRE Lead", "manager2");

        assertThat(registry().find(active.employeeId())).contains(new EmployeeRecord(active.employeeId(),
                active.userName(), "Jane", "Doe", "Site Reliability", "SRE Lead", "manager2", EmployeeStatus.ACTIVE,
                START, null));
    }

    @Test
    void aLeaverRecordsTheLastDayThenThatThePersonLeft() {
        EmployeeRecord active = person(EmployeeStatus.ACTIVE);
        registry().save(active);

        registry().leaving(active.employeeId(), LAST_DAY);
        assertThat(registry().find(active.employeeId())).get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(EmployeeStatus.LEAVING))
                .satisfies(e -> assertThat(e.lastDay()).isEqualTo(LAST_DAY));

        registry().left(active.employeeId(), LAST_DAY);
        assertThat(registry().find(active.employeeId())).get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(EmployeeStatus.LEFT))
                .satisfies(e -> assertThat(e.managerId()).isEqualTo("manager1"));
    }

    @Test
    void changesForSomeoneTheRegistryDoesNotHoldCreateNoRecord() {
        String stranger = "E-" + UUID.randomUUID();

        registry().changeRole(stranger, "Data", "Analyst", "manager1");
        registry().leaving(stranger, LAST_DAY);
        registry().left(stranger, LAST_DAY);

        assertThat(registry().find(stranger)).isEmpty();
    }

    @Test
    void factsFromHistoryNeverOverwriteNewerOnes() {
        EmployeeRecord active = person(EmployeeStatus.ACTIVE);
        registry().save(active);

        registry().saveIfAbsent(renamed(active, EmployeeStatus.LEFT));

        assertThat(registry().find(active.employeeId())).contains(active);
    }

    @Test
    void factsFromHistoryFillAGap() {
        EmployeeRecord fromHistory = person(EmployeeStatus.LEFT);

        registry().saveIfAbsent(fromHistory);

        assertThat(registry().find(fromHistory.employeeId())).contains(fromHistory);
    }

    private static EmployeeRecord person(EmployeeStatus status) {
        return new EmployeeRecord("E-" + UUID.randomUUID(), "jane.doe@example.com", "Jane", "Doe", "Engineering",
                "Software Engineer", "manager1", status, START,
                status == EmployeeStatus.LEAVING || status == EmployeeStatus.LEFT ? LAST_DAY : null);
    }

    private static EmployeeRecord renamed(EmployeeRecord employee, EmployeeStatus status) {
        return new EmployeeRecord(employee.employeeId(), "jane.smith@example.com", "Jane", "Smith", "Data", "Analyst",
                "manager2", status, START.plusYears(1), null);
    }
}
