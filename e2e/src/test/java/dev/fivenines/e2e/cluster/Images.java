package dev.fivenines.e2e.cluster;

/** The images of both components, as the cluster pulls them: {@code REPOSITORY:TAG}. */
public record Images(String operator, String runtime) {

    public String operatorRepository() {
        return operator.substring(0, operator.lastIndexOf(':'));
    }

    public String operatorTag() {
        return operator.substring(operator.lastIndexOf(':') + 1);
    }

    public String runtimeRepository() {
        return runtime.substring(0, runtime.lastIndexOf(':'));
    }

    public String runtimeTag() {
        return runtime.substring(runtime.lastIndexOf(':') + 1);
    }

    /** Reads the {@code operator=...} and {@code auth-runtime=...} lines e2e/bin/build-images ends with. */
    static Images fromBuildOutput(String output) {
        String operator = null;
        String runtime = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("operator=")) {
                operator = line.substring("operator=".length()).trim();
            } else if (line.startsWith("auth-runtime=")) {
                runtime = line.substring("auth-runtime=".length()).trim();
            }
        }
        if (operator == null || runtime == null) {
            throw new IllegalStateException("e2e/bin/build-images did not name both images; its output:\n" + output);
        }
        return new Images(operator, runtime);
    }
}
