package io.vpai.harness.model;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("IPv4 address value")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.MODEL)
class Ipv4Test {
    @Test
    void parsesADottedQuadAndPrintsItBack() {
        Ipv4 address = Ipv4.parse("172.20.1.255");
        assertThat(address).hasToString("172.20.1.255").isEqualTo(Ipv4.parse("172.20.1.255"));
        assertThat(Ipv4.parse("255.255.255.255").bits()).isEqualTo(-1);
        assertThat(address.octets()).containsExactly((byte) 172, (byte) 20, (byte) 1, (byte) 255);
        assertThat(Ipv4.parse("10.0.0.2")).isGreaterThan(Ipv4.parse("10.0.0.1"));
        assertThat(Ipv4.parse("200.0.0.1")).isGreaterThan(Ipv4.parse("10.0.0.1"));
        assertThat(Cidr.parse("172.20.1.0/24").contains(address)).isTrue();
    }

    @Test
    void anythingElseIsAOneLineModelException() {
        for (String text : new String[]{"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "a.b.c.d", "1.2.3.-4", "+1.2.3.4",
                "1..2.3", "1.2.3.4 ", "0001.2.3.4", "llm.ewutelo.cloud"}) {
            assertThatThrownBy(() -> Ipv4.parse(text)).as(text).isInstanceOf(ModelException.class)
                    .hasMessage("'" + text + "' is not an IPv4 address");
            assertThat(Ipv4.isValid(text)).as(text).isFalse();
        }
    }
}
