//! A realistic synthetic symptom history, for the demo, tests and benchmarks.
//!
//! Deterministic for a seed: it uses its own small generator (SplitMix64), so
//! the same seed gives the same history across dependency upgrades.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone};
use ulid::Ulid;

use super::entry::{Draft, Entry};
use super::region::{Catalogue, RegionId};
use super::sensation::SensationId;

/// What history to make.
#[derive(Debug, Clone)]
pub struct GenerateSpec {
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history (inclusive).
    pub end: NaiveDate,
    /// Mean number of entries per day over the whole span.
    pub per_day: f64,
    /// Seed; the same seed and span give the same entries.
    pub seed: u64,
}

/// SplitMix64: tiny, fast and stable forever.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer in [low, high].
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A Poisson-distributed count with mean `lambda`.
    fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda > 60.0 {
            // Normal approximation keeps exp(-lambda) from underflowing.
            let (u1, u2) = (self.unit().max(f64::MIN_POSITIVE), self.unit());
            let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
            return (lambda + z * lambda.sqrt()).round().max(0.0) as u32;
        }
        let limit = (-lambda).exp();
        let mut product = self.unit();
        let mut count = 0;
        while product > limit {
            product *= self.unit();
            count += 1;
        }
        count
    }
}

/// One recurring pattern of symptoms.
struct Pattern {
    weight: f64,
    region_sets: &'static [&'static [&'static str]],
    sensations: &'static [&'static str],
    intensity: (i64, i64),
    duration_s: (u64, u64),
    tags: &'static [&'static str],
    notes: &'static [&'static str],
}

const PATTERNS: [Pattern; 6] = [
    Pattern {
        weight: 0.38,
        region_sets: &[
            &["left-sole", "right-sole"],
            &["left-foot-top", "right-foot-top", "left-sole", "right-sole"],
            &["left-palm", "right-palm"],
            &["left-palm", "right-palm", "left-sole", "right-sole"],
            &["right-palm"],
            &["left-sole"],
        ],
        sensations: &["tingling", "pins-and-needles", "numbness", "prickling"],
        intensity: (2, 6),
        duration_s: (600, 6 * 3600),
        tags: &["heat", "fatigue", "after-shower"],
        notes: &[
            "Feet buzzing all evening.",
            "Could not feel the floor properly on the stairs.",
            "Hands clumsy, dropped a cup.\nBetter after resting.",
        ],
    },
    Pattern {
        weight: 0.16,
        region_sets: &[
            &[
                "right-chest",
                "left-chest",
                "left-middle-back",
                "right-middle-back",
            ],
            &[
                "right-abdomen",
                "left-abdomen",
                "left-lower-back",
                "right-lower-back",
            ],
        ],
        sensations: &["pressure"],
        intensity: (3, 8),
        duration_s: (1800, 3 * 3600),
        tags: &["stress", "fatigue"],
        notes: &[
            "MS hug, hard to breathe deeply.",
            "Band around the ribs again.",
        ],
    },
    Pattern {
        weight: 0.14,
        region_sets: &[
            &[
                "left-neck-back",
                "right-neck-back",
                "left-upper-back",
                "right-upper-back",
            ],
            &[
                "left-neck-back",
                "right-neck-back",
                "left-upper-back",
                "right-upper-back",
                "left-middle-back",
                "right-middle-back",
                "left-lower-back",
                "right-lower-back",
            ],
        ],
        sensations: &["electric"],
        intensity: (4, 9),
        duration_s: (1, 5),
        tags: &["neck-flexion"],
        notes: &["Shock down the spine when I bent my head (Lhermitte)."],
    },
    Pattern {
        weight: 0.14,
        region_sets: &[
            &["right-upper-leg-front", "right-lower-leg-front"],
            &[
                "right-lower-leg-front",
                "right-ankle-front",
                "right-foot-top",
            ],
            &["right-upper-leg-back", "right-lower-leg-back"],
        ],
        sensations: &["burning", "stabbing"],
        intensity: (3, 8),
        duration_s: (1800, 8 * 3600),
        tags: &["night", "poor-sleep"],
        notes: &["Right leg on fire at night.", "Woke at 3am, burning shin."],
    },
    Pattern {
        weight: 0.10,
        region_sets: &[
            &["left-forearm-back"],
            &["right-upper-arm-back", "left-upper-arm-back"],
            &["left-upper-back", "right-upper-back"],
            &["right-face"],
        ],
        sensations: &["itching", "crawling", "dripping", "wetness"],
        intensity: (1, 5),
        duration_s: (300, 2 * 3600),
        tags: &["heat"],
        notes: &[
            "Like ants under the skin.",
            "Felt water running down my back, it was dry.",
        ],
    },
    Pattern {
        weight: 0.08,
        region_sets: &[
            &["left-sole", "left-ankle-back"],
            &["left-palm", "left-hand-back"],
            &["right-face", "right-cranium-front"],
        ],
        sensations: &["ice-cold", "vibration", "loss-of-feeling"],
        intensity: (2, 6),
        duration_s: (900, 4 * 3600),
        tags: &["cold-weather", "fatigue"],
        notes: &["Foot icy though warm to touch."],
    },
];

/// How active the illness is on a day.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Usual,
    Flare,
    Quiet,
}

impl Phase {
    /// Relative number of entries per day.
    fn rate(self) -> f64 {
        match self {
            Phase::Usual => 1.0,
            Phase::Flare => 2.6,
            Phase::Quiet => 0.25,
        }
    }
}

/// Makes the history, sorted by time, with local offsets from `tz`.
pub fn generate<Tz: TimeZone>(spec: &GenerateSpec, tz: &Tz) -> Vec<Entry> {
    let mut rng = SplitMix64::new(spec.seed);
    let phases = phase_plan(spec, &mut rng);
    let mean_rate = phases.iter().map(|p| p.rate()).sum::<f64>() / phases.len().max(1) as f64;
    let mut entries = Vec::with_capacity((spec.per_day * phases.len() as f64 * 1.1) as usize);
    let mut day = spec.start;
    for phase in phases {
        let summer_heat = if matches!(day.month(), 6..=8) {
            1.25
        } else {
            1.0
        };
        let lambda = spec.per_day * phase.rate() / mean_rate * summer_heat;
        for _ in 0..rng.poisson(lambda) {
            if let Some(entry) = make_entry(day, phase, tz, &mut rng) {
                entries.push(entry);
            }
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    entries.sort_by_key(Entry::sort_key);
    entries
}

/// One phase per day: weeks-long flare-ups and quiet spells between usual days.
fn phase_plan(spec: &GenerateSpec, rng: &mut SplitMix64) -> Vec<Phase> {
    let days = (spec.end - spec.start).num_days() + 1;
    let mut plan = Vec::with_capacity(days.max(0) as usize);
    while (plan.len() as i64) < days {
        let (phase, length) = match rng.unit() {
            u if u < 0.25 => (Phase::Flare, rng.range(14, 42)),
            u if u < 0.45 => (Phase::Quiet, rng.range(10, 35)),
            _ => (Phase::Usual, rng.range(20, 90)),
        };
        plan.extend(std::iter::repeat_n(phase, length as usize));
    }
    plan.truncate(days.max(0) as usize);
    plan
}

/// One entry on `day`, or `None` when the time falls in a skipped DST hour.
fn make_entry<Tz: TimeZone>(
    day: NaiveDate,
    phase: Phase,
    tz: &Tz,
    rng: &mut SplitMix64,
) -> Option<Entry> {
    let pattern = pick_pattern(rng);
    let catalogue = Catalogue::global();
    let regions: Vec<RegionId> = rng
        .pick(pattern.region_sets)
        .iter()
        .filter_map(|id| catalogue.lookup(id).ok())
        .collect();
    // Symptoms cluster in the evening, when fatigue and heat build up.
    let hour = if rng.chance(0.55) {
        rng.range(16, 23)
    } else {
        rng.range(6, 15)
    };
    let time = NaiveTime::from_hms_opt(hour as u32, rng.range(0, 59) as u32, 0)?;
    let at = tz
        .from_local_datetime(&day.and_time(time))
        .earliest()?
        .fixed_offset();
    let flare_boost = if phase == Phase::Flare { 2 } else { 0 };
    let intensity = (rng.range(pattern.intensity.0 as u64, pattern.intensity.1 as u64) as i64
        + flare_boost)
        .min(10);
    let mut tags: Vec<String> = Vec::new();
    if rng.chance(0.4) {
        tags.push(rng.pick(pattern.tags).to_string());
    }
    if phase == Phase::Flare && rng.chance(0.2) {
        tags.push("infection".to_string());
    }
    let note = rng
        .chance(0.18)
        .then(|| rng.pick(pattern.notes).to_string());
    let duration_s = rng
        .chance(0.8)
        .then(|| rng.range(pattern.duration_s.0, pattern.duration_s.1));
    let logged = at + Duration::minutes(rng.range(1, 90) as i64);
    let id = Ulid::from_parts(
        logged.timestamp_millis().max(0) as u64,
        u128::from(rng.next_u64()) << 16,
    );
    Draft {
        at,
        regions,
        sensation: SensationId::new(rng.pick(pattern.sensations)),
        intensity,
        duration_s,
        note,
        tags,
    }
    .into_entry(id, logged)
    .ok()
}

/// A pattern chosen by weight.
fn pick_pattern(rng: &mut SplitMix64) -> &'static Pattern {
    let mut roll = rng.unit() * PATTERNS.iter().map(|p| p.weight).sum::<f64>();
    for pattern in &PATTERNS {
        if roll < pattern.weight {
            return pattern;
        }
        roll -= pattern.weight;
    }
    &PATTERNS[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Filter, RegionTally, SensationCatalogue};
    use chrono::FixedOffset;

    fn spec(seed: u64) -> GenerateSpec {
        GenerateSpec {
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            per_day: 3.0,
            seed,
        }
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn same_seed_same_history_other_seed_other_history() {
        let a = generate(&spec(7), &utc());
        assert_eq!(a, generate(&spec(7), &utc()));
        assert_ne!(a, generate(&spec(8), &utc()));
    }

    #[test]
    fn the_mean_rate_is_close_to_per_day_and_entries_stay_in_the_span() {
        let s = spec(1);
        let entries = generate(&s, &utc());
        let days = (s.end - s.start).num_days() as f64 + 1.0;
        let rate = entries.len() as f64 / days;
        assert!((2.4..3.6).contains(&rate), "rate {rate}");
        assert!(
            entries
                .iter()
                .all(|e| e.day() >= s.start && e.day() <= s.end)
        );
        assert!(
            entries
                .windows(2)
                .all(|w| w[0].sort_key() <= w[1].sort_key())
        );
    }

    #[test]
    fn the_recurring_patterns_dominate_the_heat_map() {
        let entries = generate(&spec(3), &utc());
        let tally = RegionTally::from_entries(
            &entries,
            &Filter::default(),
            &SensationCatalogue::built_in(),
        );
        let top: Vec<String> = tally
            .ranked()
            .iter()
            .take(4)
            .map(|s| s.region.to_string())
            .collect();
        assert!(top.contains(&"left-sole".to_string()), "{top:?}");
        assert!(top.contains(&"right-sole".to_string()), "{top:?}");
        assert!(entries.iter().any(|e| e.note.is_some()));
        assert!(entries.iter().any(|e| e.sensation.as_str() == "electric"));
    }

    #[test]
    fn poisson_mean_matches_lambda() {
        let mut rng = SplitMix64::new(42);
        for lambda in [0.5, 4.0, 80.0] {
            let n = 20_000;
            let mean = (0..n).map(|_| f64::from(rng.poisson(lambda))).sum::<f64>() / f64::from(n);
            assert!(
                (mean - lambda).abs() < lambda * 0.05 + 0.05,
                "lambda {lambda} mean {mean}"
            );
        }
    }
}
