package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("Backup drill")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class BackupDrillTest {
    @Test
    @DisplayName("a target that is not the container stack cannot host the drill: one line naming it and why")
    void refusedOffTheContainerStack() {
        assertThatThrownBy(() -> BackupDrill.install(targetNamed("preprod"), Path.of(".")))
                .isInstanceOf(DrillUnavailable.class)
                .hasMessageContaining("'preprod'")
                .hasMessageContaining("S3 server")
                .hasMessageContaining("backup runner")
                .hasMessageNotContaining("\n");
    }

    /** A target that only has a name; every other question is an error (the drill must not ask one first). */
    private static Target targetNamed(String name) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("name")) {
                return name;
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (Target) Proxy.newProxyInstance(Target.class.getClassLoader(), new Class<?>[] {Target.class}, handler);
    }
}
