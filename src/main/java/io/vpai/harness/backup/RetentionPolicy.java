package io.vpai.harness.backup;

import io.vpai.harness.model.Backup.Retention;

import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which snapshots {@code restic forget --keep-daily D --keep-weekly W --keep-monthly M --keep-yearly Y}
 * keeps, computed here from the calendar rules alone so the drill can check restic against an expectation
 * it did not produce:
 * <ul>
 *   <li>snapshots are taken newest first;</li>
 *   <li>each rule buckets a snapshot by its local time: daily by date, weekly by ISO week-based year and
 *       week (so 2024-12-30 is in 2025-W01), monthly by year-month, yearly by year;</li>
 *   <li>a rule keeps a snapshot when it is the newest one of its bucket and the rule still has budget;
 *       keeping spends one unit of that rule's budget;</li>
 *   <li>rules are evaluated independently; a snapshot kept by any rule is kept;</li>
 *   <li>a policy with every count zero keeps everything (restic refuses to forget on an empty policy).</li>
 * </ul>
 * restic 0.16 added one rule ({@code keepOldestWhileBudgetLeft}): the oldest snapshot is also kept by
 * every rule that still has budget, even if its bucket was already represented. restic 0.14 (Debian
 * bookworm, the offline image) does not do that.
 */
public final class RetentionPolicy {
    public enum Rule {
        DAILY(t -> t.toLocalDate()),
        WEEKLY(t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
        MONTHLY(t -> t.getYear() * 100 + t.getMonthValue()),
        YEARLY(LocalDateTime::getYear);

        private final Function<LocalDateTime, Object> bucket;

        Rule(Function<LocalDateTime, Object> bucket) {
            this.bucket = bucket;
        }

        public Object bucketOf(LocalDateTime time) {
            return bucket.apply(time);
        }

        int budget(Retention retention) {
            return switch (this) {
                case DAILY -> retention.daily();
                case WEEKLY -> retention.weekly();
                case MONTHLY -> retention.monthly();
                case YEARLY -> retention.yearly();
            };
        }
    }

    /** One snapshot's verdict: the rules that keep it (empty: forgotten). */
    public record Decision(LocalDateTime time, Set<Rule> keptBy) {
        public boolean kept() {
            return !keptBy.isEmpty();
        }
    }

    private RetentionPolicy() {
    }

    /** The kept snapshot times, newest first (restic 0.14's rules). */
    public static List<LocalDateTime> keep(List<LocalDateTime> snapshots, Retention retention) {
        return keep(snapshots, retention, false);
    }

    public static List<LocalDateTime> keep(List<LocalDateTime> snapshots, Retention retention,
                                           boolean keepOldestWhileBudgetLeft) {
        return decide(snapshots, retention, keepOldestWhileBudgetLeft).stream().filter(Decision::kept)
                .map(Decision::time).toList();
    }

    /** Every snapshot with its verdict, newest first. */
    public static List<Decision> decide(List<LocalDateTime> snapshots, Retention retention,
                                        boolean keepOldestWhileBudgetLeft) {
        List<LocalDateTime> newestFirst = new ArrayList<>(snapshots);
        newestFirst.sort(Comparator.reverseOrder());
        List<Decision> out = new ArrayList<>();
        Rule[] rules = Rule.values();
        boolean emptyPolicy = true;
        int[] budget = new int[rules.length];
        Object[] lastBucket = new Object[rules.length];
        for (Rule rule : rules) {
            budget[rule.ordinal()] = rule.budget(retention);
            emptyPolicy &= budget[rule.ordinal()] == 0;
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            LocalDateTime time = newestFirst.get(i);
            if (emptyPolicy) {
                out.add(new Decision(time, EnumSet.allOf(Rule.class)));
                continue;
            }
            boolean oldest = i == newestFirst.size() - 1;
            Set<Rule> keptBy = EnumSet.noneOf(Rule.class);
            for (Rule rule : rules) {
                int r = rule.ordinal();
                if (budget[r] <= 0) {
                    continue;
                }
                Object bucket = rule.bucketOf(time);
                if (!bucket.equals(lastBucket[r]) || (oldest && keepOldestWhileBudgetLeft)) {
                    keptBy.add(rule);
                    lastBucket[r] = bucket;
                    budget[r]--;
                }
            }
            out.add(new Decision(time, keptBy));
        }
        return out;
    }
}
