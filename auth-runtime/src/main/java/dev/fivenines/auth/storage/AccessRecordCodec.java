package dev.fivenines.auth.storage;

import java.util.Map;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Subject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An access record: {@code subject} ({@code user:alice}), {@code role}, {@code resource} and {@code version}. */
final class AccessRecordCodec implements ItemCodec<AccessRecord> {

    @Override
    public String kind() {
        return "record";
    }

    @Override
    public String sortKeyPrefix() {
        return "RECORD#";
    }

    @Override
    public String id(AccessRecord record) {
        return record.id();
    }

    @Override
    public void write(AccessRecord record, Map<String, AttributeValue> item) {
        item.put("subject", AttributeValue.fromS(record.subject().toString()));
        item.put("role", AttributeValue.fromS(record.role()));
        item.put("resource", AttributeValue.fromS(record.resource()));
        item.put("version", AttributeValue.fromN(Long.toString(record.version())));
    }

    @Override
    public AccessRecord read(String id, Map<String, AttributeValue> item) {
        return new AccessRecord(id, Subject.parse(item.get("subject").s()), item.get("role").s(), item.get("resource").s(),
                Long.parseLong(item.get("version").n()));
    }

    @Override
    public String auditJson(AccessRecord record) {
        return AuditJson.text(AuditJson.object().put("id", record.id()).put("subject", record.subject().toString()).put("role", record.role())
                .put("resource", record.resource()).put("version", record.version()));
    }
}
