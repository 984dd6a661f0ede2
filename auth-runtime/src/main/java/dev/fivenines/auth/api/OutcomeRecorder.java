package dev.fivenines.auth.api;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.fivenines.auth.ratio.AuthorizationRatio;
import dev.fivenines.auth.ratio.AuthorizationRatio.Kind;
import dev.fivenines.auth.ratio.Outcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/** Counts every answer of the decision and token endpoints towards the authorization ratio. */
public class OutcomeRecorder {

    private final AuthorizationRatio ratio;

    public OutcomeRecorder(AuthorizationRatio ratio) {
        this.ratio = ratio;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        Kind kind;
        if (path.endsWith("/authorize")) {
            kind = Kind.DECISION;
        } else if (path.endsWith("/oauth2/token")) {
            kind = Kind.LOGIN;
        } else {
            return;
        }
        Outcome outcome = Outcome.ofStatus(response.getStatus());
        if (outcome == Outcome.SUCCESS && response.getEntity() instanceof DecisionResource.Answer answer && !answer.allowed()) {
            outcome = Outcome.DENIED;
        }
        ratio.record(kind, outcome);
    }
}
