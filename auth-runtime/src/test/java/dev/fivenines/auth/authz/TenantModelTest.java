package dev.fivenines.auth.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TenantModelTest {

    private static final Role READER = new Role("reader", Set.of("documents:read"), 1);
    private static final Role EDITOR = new Role("editor", Set.of("documents:*"), 1);
    private static final Role ADMIN = new Role("admin", Set.of("*"), 1);

    private static TenantModel model(AccessRecord... records) {
        return TenantModel.of("acme", List.of(READER, EDITOR, ADMIN), List.of(records), Map.of("alice", Set.of("finance"), "bob", Set.of()));
    }

    @Test
    void grantOnAParentCoversItsChildren() {
        TenantModel model = model(new AccessRecord("r1", Subject.user("alice"), "reader", "/documents", 1));

        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents").allowed()).isTrue();
        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents/2026/report").allowed()).isTrue();
        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents-archive").allowed())
                .as("a sibling with the same prefix is not a child").isFalse();
    }

    @Test
    void starGrantCoversChildrenButNotTheParentItself() {
        TenantModel model = model(new AccessRecord("r1", Subject.user("alice"), "reader", "/documents/*", 1));

        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents/a").allowed()).isTrue();
        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents").allowed()).isFalse();
    }

    @Test
    void allowedDecisionNamesTheRecordAndRoleEvenThroughAGroup() {
        TenantModel model = model(new AccessRecord("r7", Subject.group("finance"), "editor", "/documents/*", 1));

        Decision decision = model.decide(Subject.user("alice"), "documents:write", "/documents/q3");

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.recordId()).isEqualTo("r7");
        assertThat(decision.role()).isEqualTo("editor");
        assertThat(decision.reason()).isEqualTo("access record r7 grants role editor on /documents/* to group:finance (user:alice is a member), "
                + "and editor includes documents:write");
    }

    @Test
    void deniedDecisionSaysWhatWasMissing() {
        TenantModel model = model(new AccessRecord("r1", Subject.user("alice"), "reader", "/documents", 1));

        Decision decision = model.decide(Subject.user("alice"), "documents:delete", "/documents/x");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("no access record of user:alice or its groups [finance] grants documents:delete on /documents/x");
    }

    @Test
    void wildcardsGrantWhatTheyName() {
        TenantModel model = model(new AccessRecord("r1", Subject.client("billing"), "editor", "/", 1),
                new AccessRecord("r2", Subject.user("bob"), "admin", "/payroll", 1));

        assertThat(model.decide(Subject.client("billing"), "documents:archive", "/documents/x").allowed()).isTrue();
        assertThat(model.decide(Subject.client("billing"), "invoices:read", "/invoices/1").allowed()).isFalse();
        assertThat(model.decide(Subject.user("bob"), "payroll:approve", "/payroll/2026").allowed()).isTrue();
    }

    @Test
    void mostSpecificGrantExplainsTheDecision() {
        TenantModel model = model(new AccessRecord("broad", Subject.user("alice"), "reader", "/documents", 1),
                new AccessRecord("narrow", Subject.user("alice"), "reader", "/documents/2026", 1));

        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents/2026/a").recordId()).isEqualTo("narrow");
    }

    @Test
    void recordForAMissingRoleGrantsNothingAndIsReported() {
        TenantModel model = model(new AccessRecord("r9", Subject.user("alice"), "ghost", "/", 1));

        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents").allowed()).isFalse();
        assertThat(model.problems()).containsExactly("access record r9 names role ghost, which does not exist");
    }

    @Test
    void malformedInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> Permission.requireConcrete("documents:*")).hasMessageContaining("type:action");
        assertThatThrownBy(() -> ResourcePath.requirePath("/documents/")).hasMessageContaining("no trailing slash");
        assertThatThrownBy(() -> Subject.parse("robot:r2")).hasMessageContaining("user, group or client");
        assertThatThrownBy(() -> new Role("Bad Name", Set.of(), 1)).hasMessageContaining("lower case");
        assertThatThrownBy(() -> new Role("ok", Set.of("documents:*:x"), 1)).hasMessageContaining("type:*");
    }
}
