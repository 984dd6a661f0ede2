package dev.fivenines.auth.storage;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fivenines.auth.authz.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A role: {@code permissions} (a list, in name order) and {@code version}. */
final class RoleCodec implements ItemCodec<Role> {

    @Override
    public String kind() {
        return "role";
    }

    @Override
    public String sortKeyPrefix() {
        return "ROLE#";
    }

    @Override
    public String id(Role role) {
        return role.name();
    }

    @Override
    public void write(Role role, Map<String, AttributeValue> item) {
        item.put("permissions", AttributeValue.fromL(role.permissions().stream().sorted().map(AttributeValue::fromS).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(role.version())));
    }

    @Override
    public Role read(String name, Map<String, AttributeValue> item) {
        return new Role(name, Set.copyOf(item.get("permissions").l().stream().map(AttributeValue::s).toList()),
                Long.parseLong(item.get("version").n()));
    }

    @Override
    public String auditJson(Role role) {
        ObjectNode json = AuditJson.object().put("name", role.name());
        AuditJson.putSorted(json, "permissions", role.permissions());
        return AuditJson.text(json.put("version", role.version()));
    }
}
