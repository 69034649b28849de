package io.vpai.harness.access;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Route;

import java.util.Objects;
import java.util.Optional;

/**
 * One request sent one way, with what should happen to it.
 *
 * @param target    the host and path the proxy routes the request by ({@code llm.ewutelo.cloud/}); it can
 *                  differ from the URL's when a bypass attempt plays Host against SNI or the request line
 * @param route     the route that serves the request, or empty when no route declares its path (the
 *                  proxy's VPN-only 404)
 * @param intended  what the seed means: VPN-only routes answer VPN clients only
 * @param predicted what the model's {@code vpn_only} allow-list makes of the source the proxy sees; it
 *                  differs from {@code intended} only where the allow-list admits a non-VPN path
 * @param checkId   the check a deviation from {@code intended} is reported under
 * @param admittedBy the allow-list entry that admits a non-VPN source, when that is the deviation: the
 *                   finding is about that entry, so the waiver accepting the entry covers it and no other
 */
public record AccessCase(String target, Request request, Ingress ingress, Optional<Route> route,
                         Expectation intended, Expectation predicted, String checkId, Optional<Cidr> admittedBy) {
    public AccessCase {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(ingress, "ingress");
        route = route == null ? Optional.empty() : route;
        Objects.requireNonNull(intended, "intended");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(checkId, "checkId");
        admittedBy = admittedBy == null ? Optional.empty() : admittedBy;
    }

    /** Whether the model itself predicts a deviation from the intent (a waivable finding, by design). */
    public boolean deviationPredicted() {
        return !intended.equals(predicted);
    }

    /** The admitting allow-list entry, else the route's id, or what stands in for it when no route declares the path. */
    public String subject() {
        if (admittedBy.isPresent()) {
            return admittedBy.get().toString();
        }
        return route.map(Route::id).orElse(target() + " (no route: the proxy's VPN-only fallback)");
    }

    /** A sentence for the test name: {@code llm.ewutelo.cloud/ from internet → 403}. */
    public String name() {
        StringBuilder name = new StringBuilder(target()).append(" from ").append(ingress.name());
        request.variant().ifPresent(v -> name.append(' ').append(v));
        name.append(" → ").append(predicted.shortForm());
        if (deviationPredicted()) {
            name.append(" (").append(checkId).append(", must be waived)");
        }
        return name.toString();
    }
}
