package dev.fivenines.api.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

/**
 * Puts the printer columns of the generated CRDs in the order the kinds declare them, with Age last as kubectl shows it
 * for built-in kinds. The generator writes them sorted by JSONPath (Age, then spec, then status fields), which is not
 * how anyone reads {@code kubectl get}. Run by the build right after the generator (crds/pom.xml, process-classes), so
 * {@code ./crds/regenerate} and the staleness test see the same files.
 *
 * <p>Arguments: the folder of generated CRDs, then the kinds' classes.
 */
public final class PrinterColumnOrder {

    private static final Pattern NAME = Pattern.compile("^ {6}name: \"(.*)\"$");

    private PrinterColumnOrder() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path folder = Path.of(args[0]);
        for (String className : Arrays.asList(args).subList(1, args.length)) {
            Class<?> kind = Class.forName(className);
            List<String> order = new ArrayList<>(Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList());
            // Age last, whatever its place in the declarations
            if (order.remove("Age")) {
                order.add("Age");
            }
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                    String text = Files.readString(file);
                    if (text.contains("\n    kind: \"" + kind.getSimpleName() + "\"\n")) {
                        Files.writeString(file, reorder(text, order, file));
                    }
                }
            }
        }
    }

    /** The columns of every version, in {@code order}; lines outside the column lists are kept as they are. */
    static String reorder(String yaml, List<String> order, Path file) {
        List<String> lines = yaml.lines().toList();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            out.append(line).append('\n');
            i++;
            if (!line.endsWith("additionalPrinterColumns:")) {
                continue;
            }
            List<List<String>> columns = new ArrayList<>();
            while (i < lines.size() && (lines.get(i).startsWith("    - ") || lines.get(i).startsWith("      "))) {
                if (lines.get(i).startsWith("    - ")) {
                    columns.add(new ArrayList<>());
                }
                columns.get(columns.size() - 1).add(lines.get(i));
                i++;
            }
            columns.sort((a, b) -> Integer.compare(position(a, order, file), position(b, order, file)));
            columns.forEach(column -> column.forEach(l -> out.append(l).append('\n')));
        }
        return out.toString();
    }

    private static int position(List<String> column, List<String> order, Path file) {
        for (String line : column) {
            Matcher matcher = NAME.matcher(line);
            if (matcher.matches()) {
                int at = order.indexOf(matcher.group(1));
                if (at < 0) {
                    throw new IllegalStateException(file + ": printer column " + matcher.group(1) + " is not declared on its kind");
                }
                return at;
            }
        }
        throw new IllegalStateException(file + ": a printer column without a name: " + column);
    }
}
