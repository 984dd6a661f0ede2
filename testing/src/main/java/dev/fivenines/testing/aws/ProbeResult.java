package dev.fivenines.testing.aws;

/** One probe of a health check's endpoint: whether it passed and Route 53's status text for it. */
record ProbeResult(boolean success, String report) {

    static ProbeResult success(String report) {
        return new ProbeResult(true, "Success: " + report);
    }

    static ProbeResult failure(String report) {
        return new ProbeResult(false, "Failure: " + report);
    }
}
