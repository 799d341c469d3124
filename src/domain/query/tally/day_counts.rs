//! How many entries fell on each local day: a count per day, kept in
//! blocks of 64 days that are made only where there are entries. Counting
//! is an array index, not a hash lookup, which a recount of ten years does
//! a quarter of a million times; a stray entry in 1950 costs one block.

use std::collections::VecDeque;

use chrono::{Datelike, NaiveDate};

/// Days in one block.
const BLOCK: i32 = 64;

/// A count per local day.
#[derive(Debug, Clone, Default)]
pub struct DayCounts {
    /// The number of the first block (days from the common era / 64).
    first: i32,
    /// The blocks from `first` on; `None` where no day has a count.
    blocks: VecDeque<Option<Box<[u32; BLOCK as usize]>>>,
    /// How many days have a count above zero.
    days: usize,
}

/// Two are equal when every day has the same count.
impl PartialEq for DayCounts {
    fn eq(&self, other: &DayCounts) -> bool {
        self.days == other.days && self.iter().eq(other.iter())
    }
}

/// The block and the place in it of `day`.
fn place(day: NaiveDate) -> (i32, usize) {
    let n = day.num_days_from_ce();
    (n.div_euclid(BLOCK), n.rem_euclid(BLOCK) as usize)
}

impl DayCounts {
    /// How many days have a count.
    pub fn len(&self) -> usize {
        self.days
    }

    /// True when no day has a count.
    pub fn is_empty(&self) -> bool {
        self.days == 0
    }

    /// Adds `n` to the count of `day`.
    pub fn add(&mut self, day: NaiveDate, n: u32) {
        if n == 0 {
            return;
        }
        let (block, at) = place(day);
        let slot = &mut self.block_mut(block)[at];
        let was_empty = *slot == 0;
        *slot = slot.saturating_add(n);
        if was_empty {
            self.days += 1;
        }
    }

    /// Takes `n` from the count of `day` (never below zero).
    pub fn remove(&mut self, day: NaiveDate, n: u32) {
        let (block, at) = place(day);
        let Some(Some(counts)) = usize::try_from(block - self.first)
            .ok()
            .and_then(|i| self.blocks.get_mut(i))
        else {
            return;
        };
        let slot = &mut counts[at];
        if *slot > 0 {
            *slot = slot.saturating_sub(n);
            if *slot == 0 {
                self.days -= 1;
            }
        }
    }

    /// Each day with a count, earliest first.
    pub fn iter(&self) -> impl Iterator<Item = (NaiveDate, u32)> + '_ {
        self.blocks.iter().enumerate().flat_map(move |(i, counts)| {
            let start = (self.first + i as i32) * BLOCK;
            counts.iter().flat_map(move |counts| {
                counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .filter_map(move |(j, &n)| {
                        NaiveDate::from_num_days_from_ce_opt(start + j as i32).map(|d| (d, n))
                    })
            })
        })
    }

    /// The earliest day with a count.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.iter().next().map(|(day, _)| day)
    }

    /// The counts of block `block`, made (and the list grown) if need be.
    fn block_mut(&mut self, block: i32) -> &mut [u32; BLOCK as usize] {
        if self.blocks.is_empty() {
            self.first = block;
        }
        while block < self.first {
            self.blocks.push_front(None);
            self.first -= 1;
        }
        let index = (block - self.first) as usize;
        if index >= self.blocks.len() {
            self.blocks.resize(index + 1, None);
        }
        self.blocks[index].get_or_insert_with(|| Box::new([0; BLOCK as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn counts_days_far_apart_either_way_and_forgets_emptied_ones() {
        let mut counts = DayCounts::default();
        counts.add(day("2026-03-10"), 2);
        counts.add(day("1950-01-01"), 1);
        counts.add(day("2026-03-10"), 1);
        counts.add(day("2031-12-31"), 4);
        assert_eq!(counts.len(), 3);
        assert_eq!(counts.first_day(), Some(day("1950-01-01")));
        assert_eq!(
            counts.iter().collect::<Vec<_>>(),
            [
                (day("1950-01-01"), 1),
                (day("2026-03-10"), 3),
                (day("2031-12-31"), 4)
            ]
        );
        assert!(
            counts.blocks.iter().flatten().count() == 3,
            "one block each"
        );
        counts.remove(day("1950-01-01"), 1);
        counts.remove(day("2026-03-10"), 1);
        counts.remove(day("2000-01-01"), 1);
        assert_eq!(counts.len(), 2);
        assert_eq!(counts.first_day(), Some(day("2026-03-10")));
        let mut same = DayCounts::default();
        same.add(day("2031-12-31"), 4);
        same.add(day("2026-03-10"), 2);
        assert_eq!(counts, same, "equal by what they count");
        same.add(day("2026-03-11"), 1);
        assert_ne!(counts, same);
    }
}
