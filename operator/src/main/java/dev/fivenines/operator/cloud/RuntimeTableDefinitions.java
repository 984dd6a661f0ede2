package dev.fivenines.operator.cloud;

import java.util.List;

import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.sdk.TableSpecs;
import dev.fivenines.tables.AuthTables;
import jakarta.enterprise.context.ApplicationScoped;

/** The runtime's tables as module {@code auth-tables} defines them, in the terms of the {@code aws} ports. */
@ApplicationScoped
public class RuntimeTableDefinitions implements TableDefinitions {

    @Override
    public List<TableSpec> specs(String tablePrefix, String owner) {
        return AuthTables.all(tablePrefix).stream().map(request -> TableSpecs.from(request, owner)).toList();
    }
}
