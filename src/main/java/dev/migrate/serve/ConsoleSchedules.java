package dev.migrate.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's schedules, on Quartz with its JDBC job store in the home database: a migration at a given time,
 * or repeating by a cron expression. They survive a restart. A run that fell due while the server was down runs
 * once when it starts, or is skipped when the setting {@code missedRuns} is {@code skip}; the history says which.
 */
public final class ConsoleSchedules implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSchedules.class);
    private static final String GROUP = "console";
    private static final String SCHEDULER = "migrate-console";

    /** A schedule as the API shows it. */
    public record Shown(String id, String cron, Instant schedule_time, Instant next_run, Instant previous_run, String source,
                        String destination, String query, String target_table, String script, String created_by) {
    }

    private final Scheduler scheduler;
    private final ConsoleRuns runs;
    private final boolean runMissed;
    /** The schedules that fell due while the server was down, and when. */
    private final Map<String, Instant> missed = new ConcurrentHashMap<>();

    /** @param runMissed whether a run missed while the server was down runs once at start (else it is skipped) */
    public ConsoleSchedules(ConsoleHome home, ConsoleRuns runs, boolean runMissed) throws SQLException, SchedulerException, IOException {
        this.runs = runs;
        this.runMissed = runMissed;
        tables(home);
        String source = "migrate-home-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(source, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return home.connection();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER);
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", source);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // the job's data as texts, never serialized Java objects
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        if (factory.getAllSchedulers().stream().anyMatch(s -> {
            try {
                return s.getSchedulerName().equals(SCHEDULER) && !s.isShutdown();
            } catch (SchedulerException e) {
                return false;
            }
        })) {
            throw new IllegalStateException("a console is already serving in this process");
        }
        this.scheduler = factory.getScheduler();
        scheduler.getContext().put(ConsoleSchedules.class.getName(), this);
        // before the scheduler starts: which schedules fell due while it was stopped
        Instant now = Instant.now();
        for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            for (Trigger t : scheduler.getTriggersOfJob(job)) {
                if (t.getNextFireTime() != null && t.getNextFireTime().toInstant().isBefore(now)) {
                    missed.put(job.getName(), t.getNextFireTime().toInstant());
                    LOG.info("schedule {} fell due at {} while the server was down: {}", job.getName(), t.getNextFireTime().toInstant(),
                            runMissed ? "it runs once now" : "skipped (missedRuns skip)");
                }
            }
        }
        scheduler.start();
    }

    /** Quartz's tables in the home database, made on first start (from the script Quartz ships for H2). */
    private static void tables(ConsoleHome home) throws SQLException, IOException {
        try (Connection c = home.connection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'QRTZ_LOCKS'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            String ddl;
            try (InputStream in = Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_h2.sql")) {
                ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder text = new StringBuilder();
            for (String line : ddl.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    text.append(line).append('\n');
                }
            }
            c.setAutoCommit(false);
            for (String statement : text.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            c.commit();
        }
    }

    /**
     * Saves a schedule of {@code request} (checked as a run now would be) at {@code when} (ISO-8601, the server's
     * time zone unless it has an offset) or by {@code cron} (Quartz's, with seconds, or a five-field crontab).
     */
    public Shown add(MigrationRequest request, String when, String cron, String who) throws Exception {
        if ((when == null) == (cron == null)) {
            throw new ConnectionStore.BadInput(when == null ? "schedule_time: missing (or cron)"
                    : "cron: a schedule is either a schedule_time or a cron, not both");
        }
        TriggerBuilder<Trigger> trigger = TriggerBuilder.newTrigger();
        if (when != null) {
            Instant at = instant(when);
            if (at.isBefore(Instant.now().minusSeconds(60))) {
                throw new ConnectionStore.BadInput("schedule_time: " + when + " has passed");
            }
            trigger.startAt(Date.from(at)).withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow());
        } else {
            String quartz = quartzCron(cron);
            trigger.withSchedule(CronScheduleBuilder.cronSchedule(quartz).inTimeZone(TimeZone.getDefault())
                    .withMisfireHandlingInstructionFireAndProceed());
        }
        runs.prepare(request);
        String id = UUID.randomUUID().toString().substring(0, 8);
        JobDataMap data = new JobDataMap();
        request.toStrings().forEach(data::put);
        data.put("created_by", who);
        JobDetail job = JobBuilder.newJob(Fire.class).withIdentity(id, GROUP).usingJobData(data).build();
        scheduler.scheduleJob(job, trigger.withIdentity(id, GROUP).forJob(job).build());
        LOG.info("schedule {} saved: {}", id, cron != null ? "cron " + cron : "at " + when);
        return shown(job.getKey()).orElseThrow();
    }

    private static Instant instant(String when) {
        try {
            return OffsetDateTime.parse(when).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(when).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ConnectionStore.BadInput("schedule_time: an ISO-8601 date and time such as 2026-11-21T02:00:00, not '" + when + "'");
            }
        }
    }

    /** {@code cron} as Quartz reads it: as given when it is Quartz's own, converted from a five-field crontab. */
    static String quartzCron(String cron) {
        String[] fields = cron.trim().split("\\s+");
        String quartz = cron.trim();
        if (fields.length == 5) {
            String dayOfMonth = fields[2];
            String dayOfWeek = fields[4];
            if (!dayOfWeek.equals("*") && !dayOfWeek.equals("?") && !dayOfMonth.equals("*") && !dayOfMonth.equals("?")) {
                throw new ConnectionStore.BadInput("cron: '" + cron + "' sets both a day of the month and a day of the week, which Quartz cannot");
            }
            if (dayOfWeek.equals("*")) {
                dayOfWeek = "?";
            } else {
                dayOfMonth = "?";
                // crontab counts Sunday as 0 (or 7), Quartz as 1
                StringBuilder shifted = new StringBuilder();
                Matcher m = Pattern.compile("\\d+").matcher(dayOfWeek);
                while (m.find()) {
                    m.appendReplacement(shifted, String.valueOf(Integer.parseInt(m.group()) % 7 + 1));
                }
                m.appendTail(shifted);
                dayOfWeek = shifted.toString();
            }
            quartz = "0 " + fields[0] + " " + fields[1] + " " + dayOfMonth + " " + fields[3] + " " + dayOfWeek;
        }
        CronExpression expression;
        try {
            expression = new CronExpression(quartz);
        } catch (ParseException e) {
            throw new ConnectionStore.BadInput("cron: '" + cron + "' is not a cron expression (" + e.getMessage() + ")");
        }
        if (expression.getNextValidTimeAfter(new Date()) == null) {
            throw new ConnectionStore.BadInput("cron: '" + cron + "' never falls due again");
        }
        return quartz;
    }

    public List<Shown> list() throws SchedulerException {
        List<Shown> all = new ArrayList<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            shown(key).ifPresent(all::add);
        }
        all.sort(Comparator.comparing((Shown s) -> s.next_run() == null ? Instant.MAX : s.next_run()).thenComparing(Shown::id));
        return all;
    }

    private Optional<Shown> shown(JobKey key) throws SchedulerException {
        JobDetail job = scheduler.getJobDetail(key);
        List<? extends Trigger> triggers = scheduler.getTriggersOfJob(key);
        if (job == null || triggers.isEmpty()) {
            return Optional.empty();
        }
        Trigger t = triggers.get(0);
        JobDataMap d = job.getJobDataMap();
        return Optional.of(new Shown(key.getName(), t instanceof CronTrigger c ? c.getCronExpression() : null,
                t instanceof CronTrigger ? null : t.getStartTime().toInstant(), instant(t.getNextFireTime()), instant(t.getPreviousFireTime()),
                d.getString("source"), d.getString("destination"), d.getString("query"), d.getString("target_table"), d.getString("script"),
                d.getString("created_by")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public boolean delete(String id) throws SchedulerException {
        return scheduler.deleteJob(JobKey.jobKey(id, GROUP));
    }

    /** A schedule fell due: its run starts (or, missed while the server was down and set to skip, is recorded as skipped). */
    void fire(JobExecutionContext context) {
        String id = context.getJobDetail().getKey().getName();
        Map<String, Object> data = new LinkedHashMap<>(context.getMergedJobDataMap().getWrappedMap());
        MigrationRequest request = MigrationRequest.fromStrings(data);
        Instant due = missed.remove(id);
        if (due == null) {
            runs.scheduled(request, id, null);
        } else if (runMissed) {
            runs.scheduled(request, id, "missed at " + due + " while the server was down; ran once when it started");
        } else {
            runs.skipped(request, id, "missed at " + due + " while the server was down; skipped, as the setting missedRuns is skip");
        }
    }

    /** The job Quartz runs: hands the schedule to the console that owns the scheduler. */
    public static final class Fire implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                ((ConsoleSchedules) context.getScheduler().getContext().get(ConsoleSchedules.class.getName())).fire(context);
            } catch (SchedulerException e) {
                LOG.warn("schedule {} could not start its run: {}", context.getJobDetail().getKey().getName(), e.getMessage());
            }
        }
    }

    static final Set<String> FIELDS = Set.of("schedule_time", "cron");

    @Override
    public void close() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("the scheduler did not stop cleanly: {}", e.getMessage());
        }
    }
}
