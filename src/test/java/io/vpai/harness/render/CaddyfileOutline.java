package io.vpai.harness.render;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.Route;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The block structure of a rendered Caddyfile (global options, snippets, sites, handle blocks),
 * enough to ask "which access does this route really get": the test reads the file, not the
 * renderer's intentions.
 */
final class CaddyfileOutline {
    /** A block: its head ("mayi.ewutelo.cloud", "handle /webhook/*", "(vpn_only)", "" for the global options). */
    record Block(String head, List<String> directives, List<Block> children) {
        Optional<Block> child(String head) {
            return children.stream().filter(c -> c.head().equals(head)).findFirst();
        }

        boolean imports(String snippet) {
            return directives.contains("import " + snippet);
        }
    }

    private final Block root;

    private CaddyfileOutline(Block root) {
        this.root = root;
    }

    static CaddyfileOutline parse(String caddyfile) {
        Block root = new Block("<file>", new ArrayList<>(), new ArrayList<>());
        Deque<Block> open = new ArrayDeque<>();
        open.push(root);
        for (String raw : caddyfile.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("{")) {
                Block block = new Block(line.substring(0, line.length() - 1).trim(), new ArrayList<>(), new ArrayList<>());
                open.peek().children().add(block);
                open.push(block);
            } else if (line.equals("}")) {
                open.pop();
            } else {
                open.peek().directives().add(line);
            }
        }
        if (open.size() != 1) {
            throw new IllegalArgumentException("unbalanced braces in the Caddyfile");
        }
        return new CaddyfileOutline(root);
    }

    List<Block> topLevel() {
        return root.children();
    }

    /** Directives outside any block ({@code import environment.caddy}). */
    List<String> topLevelDirectives() {
        return root.directives();
    }

    /** The global options block: the file's first block, with no head. */
    Optional<Block> globalOptions() {
        return root.children().stream().findFirst().filter(b -> b.head().isEmpty());
    }

    Optional<Block> snippet(String name) {
        return root.child("(" + name + ")");
    }

    /** The site block for a host, whatever the scheme prefix. */
    Optional<Block> site(String host) {
        return root.children().stream()
                .filter(b -> b.head().equals(host) || b.head().equals("http://" + host) || b.head().equals("https://" + host))
                .findFirst();
    }

    /**
     * The block answering the route's path and the access it gets there: VPN_ONLY when that block (or
     * the site, for a site without handle blocks) imports the snippet.
     */
    Access accessOf(Route route, String snippet) {
        Block site = site(route.host()).orElseThrow(() -> new AssertionError("no site for " + route.host()));
        Block answering = answeringBlock(site, route);
        boolean guarded = answering.imports(snippet) || (answering != site && site.imports(snippet));
        return guarded ? Access.VPN_ONLY : Access.PUBLIC;
    }

    /** The directives that answer the route: the site's own when it has no handle blocks. */
    Block answeringBlock(Block site, Route route) {
        if (site.children().stream().noneMatch(c -> c.head().startsWith("handle"))) {
            return site;
        }
        String head = route.path().equals("/") ? "handle" : "handle " + CaddyfileRenderer.matcher(route.path());
        return site.child(head).orElseThrow(() -> new AssertionError(route.id() + ": no '" + head + "' block in its site"));
    }
}
