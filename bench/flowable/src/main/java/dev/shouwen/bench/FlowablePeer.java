package dev.shouwen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;

/**
 * B6 — Flowable embedded on the bench's PostgreSQL, measured the way B1 and B3 measure Shouwen.
 *
 * <ul>
 *   <li>case throughput at each concurrency: start → find the task by candidate group → complete;
 *   <li>at each size (open tasks): the candidate group's first page (50 by create time) and the
 *       count of its open tasks, one at a time and with 10 in flight.
 * </ul>
 *
 * <p>Progress goes to stderr; the figures are one JSON object on stdout's last line. Arguments:
 * {@code --jdbc-url= --user= --concurrency=1,8 --cases=200 --sizes=100000
 * --seconds=4 --min-requests=20}, the password in B6_PASSWORD. The open tasks are cloned in SQL from one real case started
 * through the API (starting 1M cases one by one would take hours); a cloned task is completed
 * through the API at the end to show the clones are whole cases.
 */
public final class FlowablePeer {
  static final String GROUP = "cs_manager";
  static final int PAGE = 50;
  static final int IN_FLIGHT = 10;
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FlowablePeer() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = args(argv);
    String jdbcUrl = required(a, "jdbc-url");
    String user = a.getOrDefault("user", "postgres");
    // The password comes in the environment (B6_PASSWORD), not on the command line.
    String password = a.getOrDefault("password", System.getenv().getOrDefault("B6_PASSWORD", ""));
    List<Integer> levels = ints(a.getOrDefault("concurrency", "1,8"));
    int cases = Integer.parseInt(a.getOrDefault("cases", "200"));
    List<Integer> sizes = ints(a.getOrDefault("sizes", "10000"));
    double seconds = Double.parseDouble(a.getOrDefault("seconds", "4"));
    int minRequests = Integer.parseInt(a.getOrDefault("min-requests", "20"));

    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setJdbcDriver("org.postgresql.Driver");
    cfg.setJdbcUsername(user);
    cfg.setJdbcPassword(password);
    // Enough connections for 8 cases or 10 queries in flight; Flowable's own pool (the default).
    cfg.setJdbcMaxActiveConnections(24);
    cfg.setJdbcMaxIdleConnections(24);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    // No timers or async steps in this diagram: the job executor would only poll.
    cfg.setAsyncExecutorActivate(false);
    cfg.setDisableIdmEngine(true);

    Map<String, Object> out = new LinkedHashMap<>();
    log("starting Flowable " + flowableVersion() + " on " + jdbcUrl.replaceAll("password=[^&]*", "password=…"));
    ProcessEngine engine = cfg.buildProcessEngine();
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
      db.setAutoCommit(true);
      out.put("flowableVersion", flowableVersion());
      out.put("java", System.getProperty("java.version"));
      out.put("database", db.getMetaData().getDatabaseProductName() + " " + db.getMetaData().getDatabaseProductVersion());
      out.put("fsync", scalar(db, "SHOW fsync"));
      out.put("synchronousCommit", scalar(db, "SHOW synchronous_commit"));
      out.put("historyLevel", cfg.getHistoryLevel().getKey());
      out.put("idGenerator", cfg.getIdGenerator().getClass().getSimpleName());

      String xml;
      try (InputStream in = FlowablePeer.class.getResourceAsStream("/one-approval.bpmn20.xml")) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      engine.getRepositoryService().createDeployment().name("B6 单审批").addString("one-approval.bpmn20.xml", xml).deploy();

      Peer peer = new Peer(engine);
      // Warm-up (JIT, connection pool, MyBatis statement caches): not counted.
      peer.throughput(Collections.max(levels), Math.max(50, cases / 4));
      List<Map<String, Object>> throughput = new ArrayList<>();
      for (int c : levels) {
        double best = 0;
        // Two rounds, keep the better (least disturbed), as B1 does.
        for (int round = 0; round < 2; round++) best = Math.max(best, peer.throughput(c, cases));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("concurrency", c);
        row.put("cases", cases);
        row.put("casesPerSec", round(best));
        throughput.add(row);
        log("concurrency " + c + ": " + round(best) + " cases/s");
      }
      long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("oneApproval").count();
      if (running != 0) throw new IllegalStateException(running + " cases of the throughput rounds did not end");
      out.put("throughput", throughput);

      // The template: one real case waiting at its task; the clones copy its rows.
      ProcessInstance template = engine.getRuntimeService().startProcessInstanceByKey("oneApproval", "B6-template");
      Seeder seeder = new Seeder(db, template.getId());
      List<Map<String, Object>> results = new ArrayList<>();
      int open = 1;
      for (int size : sizes) {
        long t0 = System.nanoTime();
        if (size > open) {
          seeder.seed(open, size - 1);
          open = size;
          try (Statement s = db.createStatement()) {
            s.execute("ANALYZE");
          }
        }
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        long total = engine.getTaskService().createTaskQuery().count();
        long inGroup = peer.count();
        log(size + " open tasks (" + total + " in all, " + inGroup + " offered to " + GROUP + ") seeded in " + round(seedSeconds) + " s");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("openTasks", total);
        row.put("groupOpenTasks", inGroup);
        row.put("seedSeconds", round(seedSeconds));
        List<Task> first = peer.page();
        if (first.size() != Math.min(PAGE, inGroup)) throw new IllegalStateException("page has " + first.size() + " tasks");
        row.put("page", measure(peer::page, seconds, minRequests));
        log(size + " open tasks: page " + row.get("page"));
        row.put("count", measure(peer::count, seconds, minRequests));
        log(size + " open tasks: count " + row.get("count"));
        results.add(row);
      }
      out.put("sizes", results);

      // A clone is a whole case: completing its task through the API ends it.
      Task cloned = engine.getTaskService().createTaskQuery().taskCandidateGroup(GROUP).processInstanceBusinessKeyLike("B6-seed-%").listPage(0, 1).stream().findFirst().orElse(null);
      if (cloned != null) {
        engine.getTaskService().complete(cloned.getId(), Map.of("outcome", "approve"));
        long left = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cloned.getProcessInstanceId()).count();
        if (left != 0) throw new IllegalStateException("a cloned case did not end when its task was completed");
        out.put("seedCheck", "a cloned task was completed through Flowable's API and its case ended");
      }
    } finally {
      engine.close();
    }
    System.out.println(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
  }

  /** The calls measured: the same ones the product makes for a case and for the inbox. */
  static final class Peer {
    final RuntimeService runtime;
    final TaskService tasks;
    final AtomicInteger serial = new AtomicInteger();

    Peer(ProcessEngine engine) {
      runtime = engine.getRuntimeService();
      tasks = engine.getTaskService();
    }

    void oneCase() {
      ProcessInstance pi = runtime.startProcessInstanceByKey("oneApproval", "B6-" + serial.incrementAndGet());
      Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup(GROUP).singleResult();
      if (task == null) throw new IllegalStateException("no task offered to " + GROUP + " in " + pi.getId());
      tasks.complete(task.getId(), Map.of("outcome", "approve"));
    }

    double throughput(int concurrency, int cases) throws Exception {
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          running.add(pool.submit(() -> {
            while (next.getAndIncrement() < cases) oneCase();
            return null;
          }));
        }
        for (Future<?> f : running) f.get();
        return cases / ((System.nanoTime() - t0) / 1e9);
      } finally {
        pool.shutdown();
      }
    }

    List<Task> page() {
      return tasks.createTaskQuery().taskCandidateGroup(GROUP).orderByTaskCreateTime().asc().listPage(0, PAGE);
    }

    long count() {
      return tasks.createTaskQuery().taskCandidateGroup(GROUP).count();
    }
  }

  interface Call {
    Object run() throws Exception;
  }

  /** One at a time, then IN_FLIGHT at once; each for at least `seconds` and `minRequests` calls. */
  static Map<String, Object> measure(Call call, double seconds, int minRequests) throws Exception {
    for (int i = 0; i < 3; i++) call.run();
    Map<String, Object> r = new LinkedHashMap<>();
    List<Double> alone = new ArrayList<>();
    long t0 = System.nanoTime();
    while (alone.size() < minRequests || System.nanoTime() - t0 < seconds * 1e9) {
      long s = System.nanoTime();
      call.run();
      alone.add((System.nanoTime() - s) / 1e6);
    }
    r.put("alone", summary(alone, (System.nanoTime() - t0) / 1e9));
    List<Double> many = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger started = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    try {
      long t1 = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < IN_FLIGHT; i++) {
        running.add(pool.submit(() -> {
          while (started.getAndIncrement() < minRequests || System.nanoTime() - t1 < seconds * 1e9) {
            long s = System.nanoTime();
            call.run();
            many.add((System.nanoTime() - s) / 1e6);
          }
          return null;
        }));
      }
      for (Future<?> f : running) f.get();
      r.put("inFlight", summary(many, (System.nanoTime() - t1) / 1e9));
    } finally {
      pool.shutdown();
    }
    return r;
  }

  static Map<String, Object> summary(List<Double> samples, double elapsedSeconds) {
    List<Double> s = new ArrayList<>(samples);
    Collections.sort(s);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("n", s.size());
    r.put("p50", round(percentile(s, 50)));
    r.put("p95", round(percentile(s, 95)));
    r.put("p99", round(percentile(s, 99)));
    r.put("max", round(s.get(s.size() - 1)));
    r.put("reqPerSec", round(s.size() / elapsedSeconds));
    return r;
  }

  /** The same nearest-rank percentile as bench/stats.ts. */
  static double percentile(List<Double> sorted, double p) {
    int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100 * sorted.size()) - 1));
    return sorted.get(i);
  }

  static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  /**
   * Clones the template case's rows (runtime and history tables alike) with INSERT … SELECT over
   * generate_series: ids get a per-clone prefix, timestamps spread over 1,000 minutes, and the
   * candidate group is skewed like B3's seed (60 % cs_manager, 20 % engineering, 10 % department,
   * 10 % sales).
   */
  static final class Seeder {
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9:._-]+");
    static final String[] TABLES = {
      "act_ru_execution", "act_ru_task", "act_ru_identitylink", "act_ru_actinst", "act_ru_variable", "act_ru_entitylink",
      "act_hi_procinst", "act_hi_taskinst", "act_hi_actinst", "act_hi_identitylink", "act_hi_varinst", "act_hi_entitylink",
    };
    final Connection db;
    final Map<String, String> filters = new LinkedHashMap<>();
    final Map<String, List<String[]>> columns = new HashMap<>();
    final Set<String> ids = new LinkedHashSet<>();

    Seeder(Connection db, String processInstanceId) throws SQLException {
      this.db = db;
      List<String> taskIds = list(db, "SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = '" + safe(processInstanceId) + "'");
      String taskList = taskIds.stream().map(t -> "'" + safe(t) + "'").collect(Collectors.joining(","));
      for (String table : TABLES) {
        List<String[]> cols = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
          ps.setString(1, table);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) cols.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
        if (cols.isEmpty()) continue;
        Set<String> names = cols.stream().map(c -> c[0]).collect(Collectors.toSet());
        List<String> where = new ArrayList<>();
        if (names.contains("proc_inst_id_")) where.add("proc_inst_id_ = '" + safe(processInstanceId) + "'");
        if (names.contains("task_id_") && !taskList.isEmpty()) where.add("task_id_ IN (" + taskList + ")");
        if (names.contains("scope_id_") && names.contains("scope_type_")) where.add("(scope_type_ = 'bpmn' AND scope_id_ = '" + safe(processInstanceId) + "')");
        if (where.isEmpty()) continue;
        String filter = "(" + String.join(" OR ", where) + ")";
        List<String> found = list(db, "SELECT id_ FROM " + table + " WHERE " + filter);
        if (found.isEmpty()) continue;
        ids.addAll(found);
        filters.put(table, filter);
        columns.put(table, cols);
      }
      ids.add(processInstanceId);
      log("cloning the template case's rows in " + filters.keySet());
    }

    /** Adds clones number `from` to `to` (inclusive), in chunks. */
    void seed(long from, long to) throws SQLException {
      String idList = ids.stream().map(i -> "'" + safe(i) + "'").collect(Collectors.joining(","));
      long chunk = 50_000;
      for (long lo = from; lo <= to; lo += chunk) {
        long hi = Math.min(to, lo + chunk - 1);
        for (Map.Entry<String, String> e : filters.entrySet()) {
          String table = e.getKey();
          List<String> names = new ArrayList<>();
          List<String> values = new ArrayList<>();
          for (String[] c : columns.get(table)) {
            String name = c[0];
            String type = c[1];
            names.add(name);
            if (name.endsWith("id_") && (type.startsWith("character") || type.equals("text"))) {
              if (name.equals("group_id_")) {
                values.add("CASE WHEN group_id_ = '" + GROUP + "' THEN (CASE WHEN g % 10 < 6 THEN 'cs_manager' WHEN g % 10 < 8 THEN 'engineering' WHEN g % 10 < 9 THEN 'department' ELSE 'sales' END) ELSE group_id_ END");
              } else {
                values.add("CASE WHEN " + name + " IN (" + idList + ") THEN 's' || g || '-' || " + name + " ELSE " + name + " END");
              }
            } else if (name.equals("business_key_")) {
              values.add("CASE WHEN business_key_ IS NULL THEN NULL ELSE 'B6-seed-' || g END");
            } else if (type.startsWith("timestamp")) {
              values.add(name + " - (g % 1000) * interval '1 minute'");
            } else {
              values.add(name);
            }
          }
          // Parents before children, for the executions' self-references.
          String order = table.equals("act_ru_execution") ? " ORDER BY g, (parent_id_ IS NOT NULL)" : "";
          String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
              + " FROM " + table + " t, generate_series(" + lo + ", " + hi + ") g WHERE " + e.getValue() + order;
          try (Statement s = db.createStatement()) {
            s.executeUpdate(sql);
          }
        }
        log("seeded " + (hi + 1) + " open tasks");
      }
    }

    static String safe(String id) {
      if (!SAFE_ID.matcher(id).matches()) throw new IllegalArgumentException("unexpected id " + id);
      return id;
    }
  }

  static List<String> list(Connection db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  static String scalar(Connection db, String sql) throws SQLException {
    List<String> r = list(db, sql);
    return r.isEmpty() ? null : r.get(0);
  }

  static Map<String, String> args(String[] argv) {
    Map<String, String> m = new HashMap<>();
    for (String s : argv) {
      if (!s.startsWith("--") || !s.contains("=")) throw new IllegalArgumentException("argument " + s + ": expected --name=value");
      m.put(s.substring(2, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
    }
    return m;
  }

  static String required(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null || v.isEmpty()) throw new IllegalArgumentException("--" + name + "= is required");
    return v;
  }

  static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).collect(Collectors.toList());
  }

  /** The Maven version of flowable-engine on the class path (ProcessEngine.VERSION adds a schema suffix). */
  static String flowableVersion() {
    try (InputStream in = ProcessEngine.class.getResourceAsStream("/META-INF/maven/org.flowable/flowable-engine/pom.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null) return v;
      }
    } catch (java.io.IOException ignored) {
      // fall back to the engine's own constant
    }
    return ProcessEngine.VERSION;
  }

  static void log(String line) {
    System.err.println("[B6] " + line);
  }
}
