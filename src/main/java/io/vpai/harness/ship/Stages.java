package io.vpai.harness.ship;

import java.util.function.Supplier;

/**
 * How a ship runs each of its stages: plainly, or inside a report's step (an implementation whose {@code run} returns
 * {@code Allure.step(stage.title(), body::get)}). Generic, so not a lambda: an anonymous class implements it.
 */
public interface Stages {
    <T> T run(ShipStage stage, Supplier<T> body);

    static Stages plain() {
        return new Stages() {
            @Override
            public <T> T run(ShipStage stage, Supplier<T> body) {
                return body.get();
            }
        };
    }
}
