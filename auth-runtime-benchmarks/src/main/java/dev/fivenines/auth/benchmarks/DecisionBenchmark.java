package dev.fivenines.auth.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Decision;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.authz.TenantModel;

/**
 * Decisions on a warm model of 10,000 access records: 2,000 users in 100 groups, grants on users and
 * groups over a tree of 1,000 folders; the questions mix allowed (by a user's or a group's grant) and
 * denied answers.
 */
@State(Scope.Benchmark)
public class DecisionBenchmark {

    private static final int QUESTIONS = 4096;

    private TenantModel model;
    private final Subject[] subjects = new Subject[QUESTIONS];
    private final String[] permissions = new String[QUESTIONS];
    private final String[] resources = new String[QUESTIONS];
    private int next;

    @Setup
    public void build() {
        Random random = new Random(42);
        List<Role> roles = List.of(new Role("reader", Set.of("documents:read"), 1), new Role("editor", Set.of("documents:*"), 1),
                new Role("admin", Set.of("*"), 1));
        Map<String, Set<String>> groups = new HashMap<>();
        for (int u = 0; u < 2000; u++) {
            groups.put("user" + u, Set.copyOf(List.of("group" + (u % 100), "group" + ((u * 7) % 100))));
        }
        List<AccessRecord> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Subject subject = i % 4 == 0 ? Subject.group("group" + random.nextInt(100)) : Subject.user("user" + random.nextInt(2000));
            String role = roles.get(random.nextInt(roles.size())).name();
            String folder = "/documents/folder" + random.nextInt(1000) + (random.nextBoolean() ? "" : "/*");
            records.add(new AccessRecord("r" + i, subject, role, folder, 1));
        }
        model = TenantModel.of("bench", roles, records, groups);
        for (int q = 0; q < QUESTIONS; q++) {
            subjects[q] = Subject.user("user" + random.nextInt(2000));
            permissions[q] = random.nextBoolean() ? "documents:read" : "documents:write";
            resources[q] = "/documents/folder" + random.nextInt(1000) + "/file" + random.nextInt(50);
        }
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput})
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision decideThroughput() {
        int q = next++ & (QUESTIONS - 1);
        return model.decide(subjects[q], permissions[q], resources[q]);
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Decision decideLatency() {
        int q = next++ & (QUESTIONS - 1);
        return model.decide(subjects[q], permissions[q], resources[q]);
    }
}
