package dev.jmlflow.employee;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who each employee is (table {@code jml_employee}, Flyway V6): the source for the mover's and leaver's view of
 * the person, never rebuilt from Camunda history. jmlflow has no HR feed, so its own requests write it, each at the
 * point where the fact becomes true:
 * <ul>
 * <li>{@link EmployeeStatus#PRE_HIRE} with the start date, when a joiner's access is approved (the joiner then
 *     waits for the start date). It does not overwrite an employed person; a rehire after {@code LEFT} does.</li>
 * <li>{@link EmployeeStatus#ACTIVE} with names, email and role, when a joiner ends having provisioned every app.</li>
 * <li>Department, job title and manager, when a mover ends having applied the change.</li>
 * <li>{@link EmployeeStatus#LEAVING} with the last day, when a leaver starts removing access; {@link
 *     EmployeeStatus#LEFT} when every app is deactivated or waived.</li>
 * </ul>
 * A rejected joiner writes nothing; one that is rolled back or stopped by a leaver leaves its {@code PRE_HIRE} row,
 * which is not {@link EmployeeRecord#employed() employed}: only ACTIVE and LEAVING people can move. The writes run in
 * the caller's (a Camunda job's) transaction and are idempotent, so a retried job writes the same row again. Rows
 * are created by one standard {@code MERGE} (H2 and PostgreSQL 15): no insert that can fail on a duplicate key and
 * abort the transaction.
 */
@Repository
public class EmployeeRegistry {

    private static final String MERGE = "MERGE INTO jml_employee e USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS VARCHAR(320)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)),"
            + " CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(16)), CAST(? AS DATE),"
            + " CAST(? AS DATE), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
            + " AS v (employee_id, user_name, given_name, family_name, department, job_title, manager_id, status,"
            + " start_date, last_day, updated_at) ON e.employee_id = v.employee_id %s"
            + " WHEN NOT MATCHED THEN INSERT (employee_id, user_name, given_name, family_name, department, job_title,"
            + " manager_id, status, start_date, last_day, updated_at) VALUES (v.employee_id, v.user_name, v.given_name,"
            + " v.family_name, v.department, v.job_title, v.manager_id, v.status, v.start_date, v.last_day, v.updated_at)";
    private static final String REPLACE = " THEN UPDATE SET user_name = v.user_name, given_name = v.given_name,"
            + " family_name = v.family_name, department = v.department, job_title = v.job_title,"
            + " manager_id = v.manager_id, status = v.status, start_date = v.start_date, last_day = v.last_day,"
            + " updated_at = v.updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    public EmployeeRegistry(DataSource dataSource) {
        this(JdbcClient.create(dataSource), Clock.systemUTC());
    }

    EmployeeRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The person in whatever status; callers that need someone employed check {@link EmployeeRecord#employed()}. */
    public Optional<EmployeeRecord> find(String employeeId) {
        return jdbc.sql("SELECT * FROM jml_employee WHERE employee_id = ?").param(employeeId)
                .query(EmployeeRegistry::toRecord).optional();
    }

    /** At most {@code limit} people in one of {@code statuses}, by name (the start forms' pickers). */
    public List<EmployeeRecord> list(Set<EmployeeStatus> statuses, int limit) {
        return jdbc.sql("SELECT * FROM jml_employee WHERE status IN (:statuses)"
                        + " ORDER BY given_name, family_name, employee_id FETCH FIRST :limit ROWS ONLY")
                .param("statuses", statuses.stream().map(Enum::name).toList()).param("limit", limit)
                .query(EmployeeRegistry::toRecord).list();
    }

    /** Stores the record as it is, replacing what was there (a joiner that provisioned every app). */
    public void save(EmployeeRecord employee) {
        merge(employee, "WHEN MATCHED" + REPLACE);
    }

    /** Stores the record unless the registry holds this person as employed (a joiner approved for a new hire). */
    public void saveUnlessEmployed(EmployeeRecord employee) {
        merge(employee, "WHEN MATCHED AND e.status NOT IN ('ACTIVE', 'LEAVING')" + REPLACE);
    }

    /** Stores the record only if there is none (facts recovered from history never overwrite newer ones). */
    public void saveIfAbsent(EmployeeRecord employee) {
        merge(employee, "");
    }

    /** A mover applied the change; nothing happens for someone the registry does not hold. */
    public void changeRole(String employeeId, String department, String jobTitle, String managerId) {
        jdbc.sql("UPDATE jml_employee SET department = ?, job_title = ?, manager_id = ?, updated_at = ?"
                        + " WHERE employee_id = ?")
                .params(department, jobTitle, managerId, now(), employeeId).update();
    }

    /** A leaver started removing access; nothing happens for someone the registry does not hold. */
    public void leaving(String employeeId, LocalDate lastDay) {
        status(employeeId, EmployeeStatus.LEAVING, lastDay);
    }

    /** A leaver removed access in every app. */
    public void left(String employeeId, LocalDate lastDay) {
        status(employeeId, EmployeeStatus.LEFT, lastDay);
    }

    private void status(String employeeId, EmployeeStatus status, LocalDate lastDay) {
        jdbc.sql("UPDATE jml_employee SET status = ?, last_day = ?, updated_at = ? WHERE employee_id = ?")
                .params(status.name(), date(lastDay), now(), employeeId).update();
    }

    private void merge(EmployeeRecord e, String whenMatched) {
        jdbc.sql(MERGE.formatted(whenMatched))
                .params(e.employeeId(), e.userName(), e.givenName(), e.familyName(), e.department(), e.jobTitle(),
                        e.managerId(), e.status().name(), date(e.startDate()), date(e.lastDay()), now())
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static EmployeeRecord toRecord(ResultSet rs, int row) throws SQLException {
        return new EmployeeRecord(rs.getString("employee_id"), rs.getString("user_name"), rs.getString("given_name"),
                rs.getString("family_name"), rs.getString("department"), rs.getString("job_title"),
                rs.getString("manager_id"), EmployeeStatus.valueOf(rs.getString("status")),
                localDate(rs, "start_date"), localDate(rs, "last_day"));
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
