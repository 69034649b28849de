package io.vpai.harness.ship;

/**
 * The stages of a ship, in order, each with the title reports show ({@code Allure.step(title, …)} can wrap them
 * through {@link Stages}).
 */
public enum ShipStage {
    RENDER("render"),
    GATE("gate"),
    CHECK_HOSTS("check hosts"),
    DEPLOY_PREPROD("deploy to preprod"),
    SMOKE("smoke on preprod"),
    DEPLOY_PRODUCTION("deploy to production"),
    ROLL_BACK_PRODUCTION("roll back production"),
    CHECK_PRODUCTION("check production");

    private final String title;

    ShipStage(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
