package dev.fivenines.auth.authz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's authorization model, immutable: roles, access records indexed by subject, and the groups
 * of each user. Decisions read only memory; building a model is where the work is done.
 */
public final class TenantModel {

    private final String tenant;
    private final Map<String, Role> roles;
    private final Map<Subject, List<AccessRecord>> recordsBySubject;
    private final Map<String, Set<String>> groupsOfUser;
    private final int recordCount;

    private TenantModel(String tenant, Map<String, Role> roles, Map<Subject, List<AccessRecord>> recordsBySubject,
            Map<String, Set<String>> groupsOfUser, int recordCount) {
        this.tenant = tenant;
        this.roles = roles;
        this.recordsBySubject = recordsBySubject;
        this.groupsOfUser = groupsOfUser;
        this.recordCount = recordCount;
    }

    public static TenantModel of(String tenant, Collection<Role> roles, Collection<AccessRecord> records,
            Map<String, Set<String>> groupsOfUser) {
        Map<String, Role> byName = new HashMap<>();
        roles.forEach(role -> byName.put(role.name(), role));
        Map<Subject, List<AccessRecord>> bySubject = new HashMap<>();
        for (AccessRecord record : records) {
            bySubject.computeIfAbsent(record.subject(), s -> new ArrayList<>()).add(record);
        }
        // most specific grant first, so the closest one explains the decision; then by id for a stable answer
        Comparator<AccessRecord> order = Comparator.comparingInt((AccessRecord r) -> -ResourcePath.specificity(r.resource()))
                .thenComparing(AccessRecord::id);
        bySubject.replaceAll((subject, list) -> list.stream().sorted(order).toList());
        Map<String, Set<String>> groups = new HashMap<>();
        groupsOfUser.forEach((user, set) -> groups.put(user, Set.copyOf(set)));
        return new TenantModel(tenant, Map.copyOf(byName), Map.copyOf(bySubject), Map.copyOf(groups), records.size());
    }

    public String tenant() {
        return tenant;
    }

    public int recordCount() {
        return recordCount;
    }

    public Map<String, Role> roles() {
        return roles;
    }

    /** May {@code subject} do {@code permission} on {@code resource}? Inputs are checked by the caller. */
    public Decision decide(Subject subject, String permission, String resource) {
        Decision found = firstGrant(subject, subject, permission, resource);
        if (found != null) {
            return found;
        }
        Set<String> groups = subject.kind() == Subject.Kind.USER ? groupsOfUser.getOrDefault(subject.id(), Set.of()) : Set.of();
        for (String group : groups) {
            found = firstGrant(Subject.group(group), subject, permission, resource);
            if (found != null) {
                return found;
            }
        }
        return Decision.deny("no access record of " + subject + (groups.isEmpty() ? "" : " or its groups " + groups.stream().sorted().toList())
                + " grants " + permission + " on " + resource);
    }

    private Decision firstGrant(Subject holder, Subject asked, String permission, String resource) {
        List<AccessRecord> records = recordsBySubject.get(holder);
        if (records == null) {
            return null;
        }
        for (AccessRecord record : records) {
            Role role = roles.get(record.role());
            if (role != null && role.grants(permission) && ResourcePath.covers(record.resource(), resource)) {
                return Decision.allow(record, permission, resource, asked);
            }
        }
        return null;
    }

    /** The users that belong to a group, sorted. */
    public List<String> membersOf(String group) {
        return groupsOfUser.entrySet().stream().filter(e -> e.getValue().contains(group)).map(Map.Entry::getKey).sorted().toList();
    }

    /** What is wrong with the model, e.g. records naming roles that do not exist; empty when it is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        recordsBySubject.values().forEach(list -> list.forEach(record -> {
            if (!roles.containsKey(record.role())) {
                problems.add("access record " + record.id() + " names role " + record.role() + ", which does not exist");
            }
        }));
        return problems;
    }
}
