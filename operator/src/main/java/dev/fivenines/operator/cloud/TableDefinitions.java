package dev.fivenines.operator.cloud;

import java.util.List;

import dev.fivenines.aws.TableSpec;

/** The auth runtime's tables for a table prefix, owned by {@code owner}: one source of truth with the runtime. */
public interface TableDefinitions {

    List<TableSpec> specs(String tablePrefix, String owner);
}
