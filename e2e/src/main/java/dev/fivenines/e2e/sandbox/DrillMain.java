package dev.fivenines.e2e.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.e2e.sandbox.drills.BadVersion;
import dev.fivenines.e2e.sandbox.drills.CorruptedRecord;
import dev.fivenines.e2e.sandbox.drills.Evacuate;
import dev.fivenines.e2e.sandbox.drills.HandEdit;
import dev.fivenines.e2e.sandbox.drills.PrimaryRegionDown;
import dev.fivenines.e2e.sandbox.drills.RegionStorageDown;
import dev.fivenines.e2e.sandbox.drills.TenantFlood;

/**
 * {@code e2e/bin/drill list | NAME... | all}: the failure drills, run on the sandbox {@code e2e/bin/run} keeps up. Exits 0
 * when every drill run passed, 1 when one failed, 2 on a usage error or when no sandbox runs.
 */
public final class DrillMain {

    static final List<Drill> DRILLS = List.of(new RegionStorageDown(), new PrimaryRegionDown(), new Evacuate(), new HandEdit(),
            new TenantFlood(), new CorruptedRecord(), new BadVersion());

    private DrillMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args[1].equals("list")) {
            System.out.println("Drills (e2e/bin/drill NAME, or all):");
            DRILLS.forEach(d -> System.out.printf("  %-22s %s%n", d.name(), d.breaks()));
            System.exit(args.length < 2 ? 2 : 0);
        }
        List<Drill> chosen = new ArrayList<>();
        for (String name : List.of(args).subList(1, args.length)) {
            if (name.equals("all")) {
                chosen.addAll(DRILLS);
                continue;
            }
            Optional<Drill> drill = DRILLS.stream().filter(d -> d.name().equals(name)).findFirst();
            if (drill.isEmpty()) {
                System.err.println("No drill " + name + "; e2e/bin/drill list names them");
                System.exit(2);
            }
            chosen.add(drill.get());
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.open(Path.of(args[0]));
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean passed = true;
        List<String> verdicts = new ArrayList<>();
        try (sandbox) {
            for (Drill drill : chosen) {
                System.out.println("== drill " + drill.name() + ": " + drill.breaks());
                Drill.Report report;
                try {
                    report = drill.run(sandbox);
                } catch (Exception e) {
                    e.printStackTrace();
                    report = new Drill.Report(drill.name());
                    report.expect(false, "the drill could not run: " + e);
                }
                verdicts.add(report.verdict());
                passed &= report.passed();
            }
        }
        verdicts.forEach(System.out::println);
        System.exit(passed ? 0 : 1);
    }
}
