package dev.fivenines.auth.storage;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A client: {@code secretHash}, {@code scopes} (a list, in name order) and {@code version}; its audit JSON leaves the hash out. */
final class ClientCodec implements ItemCodec<StoredClient> {

    @Override
    public String kind() {
        return "client";
    }

    @Override
    public String sortKeyPrefix() {
        return "CLIENT#";
    }

    @Override
    public String id(StoredClient client) {
        return client.id();
    }

    @Override
    public void write(StoredClient client, Map<String, AttributeValue> item) {
        item.put("secretHash", AttributeValue.fromS(client.secretHash()));
        item.put("scopes", AttributeValue.fromL(client.scopes().stream().sorted().map(AttributeValue::fromS).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(client.version())));
    }

    @Override
    public StoredClient read(String id, Map<String, AttributeValue> item) {
        return new StoredClient(id, item.get("secretHash").s(), Set.copyOf(item.get("scopes").l().stream().map(AttributeValue::s).toList()),
                Long.parseLong(item.get("version").n()));
    }

    @Override
    public String auditJson(StoredClient client) {
        ObjectNode json = AuditJson.object().put("id", client.id());
        AuditJson.putSorted(json, "scopes", client.scopes());
        return AuditJson.text(json.put("version", client.version()));
    }
}
