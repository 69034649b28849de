package io.vpai.harness.ship;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.engine.LocalShell;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.render.RenderedFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.vpai.harness.engine.ShellWords.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("gate")
@DisplayName("The render hash")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.SHIPPING)
class RenderHashTest {
    private static final Release RENDER = LocalHosts.render();

    @Test
    @DisplayName("is the same for the same files, in any order, and for a fresh render of the same model")
    void sameFilesSameHash() {
        List<RenderedFile> shuffled = new ArrayList<>(RENDER.files());
        Collections.reverse(shuffled);
        assertThat(new Release(shuffled).hash()).isEqualTo(RENDER.hash());
        assertThat(LocalHosts.render().hash()).isEqualTo(RENDER.hash());
    }

    @Test
    @DisplayName("changes with one byte, one file name, one executable bit or one file more")
    void anyChangeChangesIt() {
        RenderedFile first = RENDER.files().get(0);
        List<Release> changed = List.of(
                replace(first, new RenderedFile(first.path(), first.content() + " ", first.executable())),
                replace(first, new RenderedFile(first.path() + ".moved", first.content(), first.executable())),
                replace(first, new RenderedFile(first.path(), first.content(), !first.executable())),
                new Release(concat(RENDER.files(), RenderedFile.text("extra.txt", "x"))));
        assertThat(changed).extracting(Release::hash).doesNotContain(RENDER.hash()).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("as a host computes it over the tree on its disk (.env left out) equals the hash in memory")
    void theHostsListingGivesTheSameHash(@TempDir Path root) {
        LocalHosts hosts = new LocalHosts(root);
        hosts.tree(hosts.preprod, "compose", RENDER);
        hosts.env(hosts.preprod, "compose", List.of("SECRET"));
        ShellResult listed = new LocalShell().run("sh -c " + quote(TreeListing.script(quote(root.resolve("preprod/compose")
                .toString()), ShipHost.ENV_IN_TREE)), Duration.ofSeconds(30));
        assertThat(listed.ok()).as(listed.output()).isTrue();
        TreeListing onDisk = TreeListing.parse(listed.stdout(), "test");
        assertThat(onDisk.hash()).isEqualTo(RENDER.hash());
        assertThat(onDisk.differencesFrom(RENDER.listing())).isEmpty();

        hosts.tree(hosts.preprod, "compose", LocalHosts.variant("# edited"));
        TreeListing edited = TreeListing.parse(new LocalShell().run("sh -c " + quote(TreeListing.script(
                quote(root.resolve("preprod/compose").toString()), ShipHost.ENV_IN_TREE)), Duration.ofSeconds(30)).stdout(), "t");
        assertThat(edited.hash()).isNotEqualTo(RENDER.hash());
        assertThat(edited.differencesFrom(RENDER.listing())).singleElement().asString()
                .startsWith("ARCHITECTURE.md has other bytes");
    }

    @Test
    @DisplayName("a listing names each missing, changed, extra or non-executable file")
    void differencesAreNamed() {
        RenderedFile script = RENDER.files().stream().filter(RenderedFile::executable).findFirst().orElseThrow();
        List<RenderedFile> files = new ArrayList<>(RENDER.files());
        files.remove(script);
        files.add(RenderedFile.text(script.path(), script.content()));
        files.add(RenderedFile.text("stray.txt", "x"));
        files.removeIf(f -> f.path().equals("ARCHITECTURE.md"));
        assertThat(TreeListing.of(files).differencesFrom(RENDER.listing())).containsExactlyInAnyOrder(
                "ARCHITECTURE.md is missing", script.path() + " is not executable", "stray.txt is not in the render");
    }

    @Test
    @DisplayName("a line that is not a listing line, and a malformed hash, are refused naming the source")
    void badInputIsRefused() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> TreeListing.parse("x nothex a\n", "host d")))
                .hasMessage("host d: not a listing line: 'x nothex a'");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new RenderHash("ABC")))
                .hasMessageContaining("is not a render hash");
    }

    private static Release replace(RenderedFile old, RenderedFile with) {
        List<RenderedFile> files = new ArrayList<>(RENDER.files());
        files.set(files.indexOf(old), with);
        return new Release(files);
    }

    private static List<RenderedFile> concat(List<RenderedFile> files, RenderedFile more) {
        List<RenderedFile> all = new ArrayList<>(files);
        all.add(more);
        return all;
    }
}
