package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.Backup.Retention;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-checked cases of restic's forget rules; the dates' weekdays are noted where they matter. */
@Tag("gate")
@DisplayName("Retention policy (restic forget --keep-*)")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class RetentionPolicyTest {

    private static LocalDateTime at(String date) {
        return LocalDate.parse(date).atTime(3, 0);
    }

    private static List<LocalDateTime> nightly(String first, String last) {
        List<LocalDateTime> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
            out.add(d.atTime(3, 0));
        }
        return out;
    }

    @Test
    @DisplayName("the model's policy over two years of nightly runs ending Tue 2026-01-06 keeps 13 snapshots")
    void modelPolicyOverTwoYears() {
        Retention model = VpaiStack.model().backup().restic().retention();
        assertThat(model).isEqualTo(new Retention(7, 4, 6, 2));
        List<LocalDateTime> kept = RetentionPolicy.keep(nightly("2024-01-01", "2026-01-06"), model);
        // daily: Jan 6..1 and Dec 31; weekly: 2026-W02 (Jan 6), 2026-W01 (Sun Jan 4, the week holds Dec 29-31),
        // 2025-W52 (Sun Dec 28), 2025-W51 (Sun Dec 21); monthly: Jan 6, Dec 31, Nov 30, Oct 31, Sep 30, Aug 31;
        // yearly: Jan 6, Dec 31.
        assertThat(kept).containsExactly(at("2026-01-06"), at("2026-01-05"), at("2026-01-04"), at("2026-01-03"),
                at("2026-01-02"), at("2026-01-01"), at("2025-12-31"), at("2025-12-28"), at("2025-12-21"),
                at("2025-11-30"), at("2025-10-31"), at("2025-09-30"), at("2025-08-31"));
    }

    @Test
    @DisplayName("the reasons of one snapshot: Dec 31 is the newest of its day, its month and its year")
    void reasons() {
        List<RetentionPolicy.Decision> decisions = RetentionPolicy.decide(nightly("2024-01-01", "2026-01-06"),
                new Retention(7, 4, 6, 2), false);
        RetentionPolicy.Decision dec31 = decisions.stream().filter(d -> d.time().equals(at("2025-12-31"))).findFirst().orElseThrow();
        assertThat(dec31.keptBy()).containsExactlyInAnyOrder(RetentionPolicy.Rule.DAILY, RetentionPolicy.Rule.MONTHLY,
                RetentionPolicy.Rule.YEARLY);
        RetentionPolicy.Decision dec30 = decisions.stream().filter(d -> d.time().equals(at("2025-12-30"))).findFirst().orElseThrow();
        assertThat(dec30.kept()).as("Dec 30: daily budget spent, week 2026-W01 already has Jan 4").isFalse();
    }

    @Test
    @DisplayName("weeks are ISO weeks: Mon 2024-12-30 belongs to 2025-W01, so only Sun 2025-01-05 represents it")
    void isoWeeksAcrossTheYearBoundary() {
        List<LocalDateTime> snapshots = List.of(at("2024-12-29"), at("2024-12-30"), at("2025-01-01"), at("2025-01-05"),
                at("2025-01-06"));
        List<LocalDateTime> kept = RetentionPolicy.keep(snapshots, new Retention(0, 3, 0, 0));
        // Mon Jan 6 opens 2025-W02; Sun Jan 5 is the newest of 2025-W01 (Dec 30 - Jan 5); Sun Dec 29 of 2024-W52.
        assertThat(kept).containsExactly(at("2025-01-06"), at("2025-01-05"), at("2024-12-29"));
        // A week counted within the calendar year would have kept Dec 30 as the last of 2024's final week.
        assertThat(kept).doesNotContain(at("2024-12-30"));
    }

    @Test
    @DisplayName("two runs on one day: only the newest counts for the day")
    void newestOfTheDay() {
        LocalDateTime manual = LocalDate.parse("2026-03-10").atTime(14, 30);
        List<LocalDateTime> kept = RetentionPolicy.keep(List.of(at("2026-03-09"), at("2026-03-10"), manual),
                new Retention(7, 0, 0, 0));
        assertThat(kept).containsExactly(manual, at("2026-03-09"));
    }

    @Test
    @DisplayName("rules are independent: yearly keeps an old snapshot after daily's budget is spent")
    void rulesAreIndependent() {
        List<LocalDateTime> snapshots = new ArrayList<>(nightly("2026-01-01", "2026-01-10"));
        snapshots.add(at("2025-06-15"));
        assertThat(RetentionPolicy.keep(snapshots, new Retention(3, 0, 0, 2)))
                .containsExactly(at("2026-01-10"), at("2026-01-09"), at("2026-01-08"), at("2025-06-15"));
    }

    @Test
    @DisplayName("a rule's budget is spent only by the snapshots it keeps")
    void budgetSpentByKeepsOnly() {
        // Mon 2026-01-05 (W02), Sun 01-04 and Sat 01-03 (W01), Sun 2025-12-28 (2025-W52).
        List<LocalDateTime> snapshots = List.of(at("2025-12-28"), at("2026-01-03"), at("2026-01-04"), at("2026-01-05"));
        List<RetentionPolicy.Decision> decisions = RetentionPolicy.decide(snapshots, new Retention(1, 3, 0, 0), false);
        assertThat(decisions).extracting(RetentionPolicy.Decision::keptBy).containsExactly(
                EnumSet.of(RetentionPolicy.Rule.DAILY, RetentionPolicy.Rule.WEEKLY),
                EnumSet.of(RetentionPolicy.Rule.WEEKLY),
                EnumSet.noneOf(RetentionPolicy.Rule.class),
                EnumSet.of(RetentionPolicy.Rule.WEEKLY));
    }

    @Test
    @DisplayName("input order does not matter: the newest comes first whatever the listing order")
    void unsortedInput() {
        List<LocalDateTime> snapshots = new ArrayList<>(nightly("2025-11-01", "2026-01-06"));
        List<LocalDateTime> expected = RetentionPolicy.keep(snapshots, new Retention(7, 4, 6, 2));
        Collections.shuffle(snapshots, new java.util.Random(42));
        assertThat(RetentionPolicy.keep(snapshots, new Retention(7, 4, 6, 2))).isEqualTo(expected);
    }

    @Test
    @DisplayName("a policy with every count zero keeps everything, as restic does")
    void emptyPolicyKeepsAll() {
        List<LocalDateTime> snapshots = nightly("2026-01-01", "2026-01-05");
        assertThat(RetentionPolicy.keep(snapshots, new Retention(0, 0, 0, 0))).hasSize(5);
    }

    @Test
    @DisplayName("restic 0.16+ also keeps the oldest snapshot while a rule has budget; 0.14 does not")
    void oldestSnapshotRule() {
        List<LocalDateTime> snapshots = List.of(at("2026-01-01"), at("2026-02-01"), at("2026-03-01"));
        Retention yearly = new Retention(0, 0, 0, 2);
        assertThat(RetentionPolicy.keep(snapshots, yearly, false)).containsExactly(at("2026-03-01"));
        assertThat(RetentionPolicy.keep(snapshots, yearly, true)).containsExactly(at("2026-03-01"), at("2026-01-01"));
        assertThat(ResticVersion.parse("restic 0.14.0 compiled with go1.19.8 on linux/amd64").keepsOldestWhileBudgetLeft())
                .isFalse();
        assertThat(ResticVersion.parse("restic 0.16.4 compiled with go1.21.6 on linux/amd64").keepsOldestWhileBudgetLeft())
                .isTrue();
    }
}
