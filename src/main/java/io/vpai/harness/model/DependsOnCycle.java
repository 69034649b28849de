package io.vpai.harness.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle in the depends_on graph: the validator refuses one, the gate's startup rule reports it. */
public final class DependsOnCycle {
    private DependsOnCycle() {
    }

    /** The first cycle in model order, as the path of services that wait on each other, first repeated at the end. */
    public static Optional<List<String>> first(Stack stack) {
        Map<String, List<String>> waitsFor = new LinkedHashMap<>();
        for (Service service : stack.services()) {
            waitsFor.put(service.name(), service.dependsOn().stream().map(Dependency::service).toList());
        }
        Map<String, Boolean> finished = new HashMap<>(); // false while on the current path
        for (String start : waitsFor.keySet()) {
            Optional<List<String>> found = visit(start, waitsFor, finished, new ArrayList<>());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, List<String>> waitsFor,
                                                Map<String, Boolean> finished, List<String> path) {
        Boolean state = finished.get(node);
        if (Boolean.TRUE.equals(state)) {
            return Optional.empty();
        }
        if (Boolean.FALSE.equals(state)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            loop.add(node);
            return Optional.of(loop);
        }
        finished.put(node, false);
        path.add(node);
        for (String next : waitsFor.getOrDefault(node, List.of())) {
            Optional<List<String>> found = visit(next, waitsFor, finished, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        finished.put(node, true);
        return Optional.empty();
    }
}
