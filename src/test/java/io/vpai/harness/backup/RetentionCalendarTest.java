package io.vpai.harness.backup;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.model.Backup.Retention;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Retention drill calendar")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class RetentionCalendarTest {
    private static final LocalDate LAST_NIGHT = LocalDate.parse("2026-11-27");

    @Test
    @DisplayName("the sparse calendar spans more than two years with about 130 snapshots")
    void sparseSpansTwoYears() {
        List<LocalDateTime> calendar = RetentionCalendar.sparse(LAST_NIGHT);
        assertThat(calendar.get(0)).isBefore(LAST_NIGHT.minusYears(2).atStartOfDay());
        assertThat(calendar.get(calendar.size() - 1)).isEqualTo(LAST_NIGHT.atTime(3, 0));
        assertThat(calendar).hasSizeBetween(100, 160).isSorted().doesNotHaveDuplicates();
        for (int back = 0; back < 60; back++) {
            assertThat(calendar).contains(LAST_NIGHT.minusDays(back).atTime(3, 0));
        }
        assertThat(calendar).contains(LAST_NIGHT.minusDays(10).atTime(14, 30));
    }

    @Test
    @DisplayName("with tonight's run added, the model's policy spends every rule's budget on the sparse calendar")
    void sparseExercisesEveryRule() {
        List<LocalDateTime> calendar = new java.util.ArrayList<>(RetentionCalendar.sparse(LAST_NIGHT));
        calendar.add(LAST_NIGHT.plusDays(1).atTime(3, 0, 7));
        Map<RetentionPolicy.Rule, Integer> perRule = new EnumMap<>(RetentionPolicy.Rule.class);
        for (RetentionPolicy.Decision d : RetentionPolicy.decide(calendar, new Retention(7, 4, 6, 2), false)) {
            d.keptBy().forEach(rule -> perRule.merge(rule, 1, Integer::sum));
        }
        assertThat(perRule).containsEntry(RetentionPolicy.Rule.DAILY, 7).containsEntry(RetentionPolicy.Rule.WEEKLY, 4)
                .containsEntry(RetentionPolicy.Rule.MONTHLY, 6).containsEntry(RetentionPolicy.Rule.YEARLY, 2);
        // A manual run later the same day replaces the nightly one in the daily bucket.
        assertThat(RetentionPolicy.keep(calendar, new Retention(7, 4, 6, 2)))
                .contains(LAST_NIGHT.minusDays(2).atTime(14, 30)).doesNotContain(LAST_NIGHT.minusDays(2).atTime(3, 0));
    }

    @Test
    @DisplayName("the full nightly calendar has one run per night for 821 nights")
    void nightly() {
        List<LocalDateTime> calendar = RetentionCalendar.nightly(LAST_NIGHT);
        assertThat(calendar).hasSize(821).isSorted().doesNotHaveDuplicates();
        assertThat(calendar.get(0)).isEqualTo(LAST_NIGHT.minusDays(820).atTime(3, 0));
    }
}
