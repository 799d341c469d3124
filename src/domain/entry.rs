//! One logged episode of an abnormal sensation.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use super::region::RegionId;
pub use super::region_set::{RegionIds, Regions};
use super::sensation::SensationId;

/// Intensity on the clinical numeric rating scale, 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Intensity(u8);

impl Intensity {
    /// The highest rating.
    pub const MAX: u8 = 10;

    /// The rating as a number.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Intensity {
    type Error = EntryError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if value <= Self::MAX {
            Ok(Intensity(value))
        } else {
            Err(EntryError::Intensity(i64::from(value)))
        }
    }
}

impl From<Intensity> for u8 {
    fn from(value: Intensity) -> u8 {
        value.0
    }
}

impl fmt::Display for Intensity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why an entry is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// Intensity outside 0-10.
    #[error("intensity must be 0 to 10, not {0}")]
    Intensity(i64),
    /// No region given.
    #[error("an entry needs at least one region")]
    NoRegions,
    /// Time more than a day ahead of now.
    #[error("{0} is more than a day in the future")]
    Future(DateTime<FixedOffset>),
    /// A tag that is empty or holds a comma.
    #[error("tag '{0}' is not a single word or phrase (no commas, not empty)")]
    Tag(String),
    /// A duration of nothing, or of more than a year.
    #[error("a duration must be more than 0 and at most 365 days, not {0} s")]
    Duration(u64),
    /// A time before anyone now living could have logged it.
    #[error("{0} is before {EARLIEST_YEAR}: not a time a sensation was felt")]
    TooOld(DateTime<FixedOffset>),
}

/// The earliest year an entry may be in.
pub const EARLIEST_YEAR: i32 = 1900;
/// The longest an episode may last: a year, in seconds.
pub const LONGEST_DURATION_S: u64 = 365 * 86_400;

/// Calendar month of an entry's local date, the unit of storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    /// Calendar year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
}

impl YearMonth {
    /// The month holding `date`.
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The next calendar month.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A logged episode. Field order is the order written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique, time-sortable id.
    pub id: Ulid,
    /// When it was felt, in local time with its UTC offset.
    pub at: DateTime<FixedOffset>,
    /// Where it was felt.
    pub regions: Regions,
    /// What was felt.
    pub sensation: SensationId,
    /// How strong, 0-10.
    pub intensity: Intensity,
    /// How long it lasted, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u64>,
    /// Free text, any length, may span lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Free words such as heat, fatigue, stress, infection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the entry was first saved.
    pub created: DateTime<FixedOffset>,
    /// When the entry was last changed.
    pub updated: DateTime<FixedOffset>,
}

impl Entry {
    /// The local calendar day the sensation was felt on.
    pub fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// The month file this entry belongs in.
    pub fn month(&self) -> YearMonth {
        YearMonth::of(self.day())
    }

    /// The duration, if one was given.
    pub fn duration(&self) -> Option<Duration> {
        self.duration_s
            .and_then(|s| Duration::try_seconds(i64::try_from(s).ok()?))
    }

    /// Sort key: time, then id so equal times stay in a stable order.
    pub fn sort_key(&self) -> (DateTime<FixedOffset>, Ulid) {
        (self.at, self.id)
    }
}

/// What a person typed for a new entry, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// When it was felt.
    pub at: DateTime<FixedOffset>,
    /// Where it was felt.
    pub regions: Vec<RegionId>,
    /// What was felt.
    pub sensation: SensationId,
    /// How strong, as typed.
    pub intensity: i64,
    /// How long, in seconds.
    pub duration_s: Option<u64>,
    /// Free text.
    pub note: Option<String>,
    /// Free words.
    pub tags: Vec<String>,
}

/// A time more than a day after `now` is refused: a day of slack covers
/// time zones and clocks that are a little off.
pub fn check_not_future(
    at: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<(), EntryError> {
    match now.checked_add_signed(Duration::days(1)) {
        Some(limit) if at > limit => Err(EntryError::Future(at)),
        _ => Ok(()),
    }
}

impl Draft {
    /// Checks the draft and turns it into an entry with the given id, saved at `now`.
    pub fn into_entry(self, id: Ulid, now: DateTime<FixedOffset>) -> Result<Entry, EntryError> {
        let intensity = u8::try_from(self.intensity)
            .map_err(|_| EntryError::Intensity(self.intensity))
            .and_then(Intensity::try_from)?;
        let regions = Regions::try_from(self.regions)?;
        check_not_future(self.at, now)?;
        if self.at.year() < EARLIEST_YEAR {
            return Err(EntryError::TooOld(self.at));
        }
        if let Some(d) = self
            .duration_s
            .filter(|d| !(1..=LONGEST_DURATION_S).contains(d))
        {
            return Err(EntryError::Duration(d));
        }
        let tags = normalize_tags(self.tags)?;
        let note = self.note.filter(|n| !n.trim().is_empty());
        let now = whole_seconds(now);
        Ok(Entry {
            id,
            at: whole_seconds(self.at),
            regions,
            sensation: self.sensation,
            intensity,
            duration_s: self.duration_s,
            note,
            tags,
            created: now,
            updated: now,
        })
    }
}

/// Drops sub-second digits: nobody logs a sensation to the nanosecond.
fn whole_seconds(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at.with_nanosecond(0).unwrap_or(at)
}

/// Tags as people type them: words split on spaces, commas and semicolons
/// (CSV joins tags with `;`), a leading
/// `#` dropped (`#heat, fatigue stress` is three tags).
pub fn split_tags<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    texts
        .into_iter()
        .flat_map(|text| text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()))
        .map(|word| word.trim_start_matches('#'))
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// Trims and lower-cases tags, drops repeats, rejects empty ones and commas.
pub fn normalize_tags(tags: Vec<String>) -> Result<Vec<String>, EntryError> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let clean = tag.trim().to_lowercase();
        if clean.is_empty() || clean.contains(',') {
            return Err(EntryError::Tag(tag));
        }
        if !out.contains(&clean) {
            out.push(clean);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::region::Catalogue;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-10T12:00:00+01:00").unwrap()
    }

    fn draft() -> Draft {
        let cat = Catalogue::global();
        Draft {
            at: now(),
            regions: vec![
                cat.lookup("left-sole").unwrap(),
                cat.lookup("right-sole").unwrap(),
            ],
            sensation: SensationId::new("tingling"),
            intensity: 4,
            duration_s: Some(900),
            note: Some("after a hot shower\nlasted a while".into()),
            tags: vec![" Heat ".into(), "heat".into(), "fatigue".into()],
        }
    }

    #[test]
    fn tags_split_on_spaces_and_commas_without_hashes() {
        assert_eq!(
            split_tags(["#heat, fatigue  stress", "hot,#cold", " ", "##"]),
            ["heat", "fatigue", "stress", "hot", "cold"]
        );
    }

    #[test]
    fn a_valid_draft_becomes_an_entry_with_normalized_fields() {
        let e = draft().into_entry(Ulid::nil(), now()).unwrap();
        assert_eq!(e.intensity.value(), 4);
        assert_eq!(e.tags, vec!["heat", "fatigue"]);
        assert_eq!(e.regions.ids().len(), 2);
        assert_eq!(e.created, now());
        assert_eq!(
            e.month(),
            YearMonth {
                year: 2026,
                month: 3
            }
        );
    }

    #[test]
    fn invalid_drafts_are_rejected_with_the_reason() {
        let too_strong = Draft {
            intensity: 11,
            ..draft()
        };
        assert_eq!(
            too_strong.into_entry(Ulid::nil(), now()),
            Err(EntryError::Intensity(11))
        );
        let negative = Draft {
            intensity: -1,
            ..draft()
        };
        assert_eq!(
            negative.into_entry(Ulid::nil(), now()),
            Err(EntryError::Intensity(-1))
        );
        let nowhere = Draft {
            regions: vec![],
            ..draft()
        };
        assert_eq!(
            nowhere.into_entry(Ulid::nil(), now()),
            Err(EntryError::NoRegions)
        );
        let future = Draft {
            at: now() + Duration::hours(25),
            ..draft()
        };
        assert!(matches!(
            future.into_entry(Ulid::nil(), now()),
            Err(EntryError::Future(_))
        ));
        let soon = Draft {
            at: now() + Duration::hours(23),
            ..draft()
        };
        assert!(soon.into_entry(Ulid::nil(), now()).is_ok());
        let bad_tag = Draft {
            tags: vec!["a,b".into()],
            ..draft()
        };
        assert!(matches!(
            bad_tag.into_entry(Ulid::nil(), now()),
            Err(EntryError::Tag(_))
        ));
    }

    #[test]
    fn the_local_day_decides_the_month() {
        let late = DateTime::parse_from_rfc3339("2026-01-31T23:30:00-05:00").unwrap();
        let e = Draft {
            at: late,
            ..draft()
        }
        .into_entry(Ulid::nil(), now())
        .unwrap();
        assert_eq!(
            e.month(),
            YearMonth {
                year: 2026,
                month: 1
            }
        );
        assert_eq!(e.day(), NaiveDate::from_ymd_opt(2026, 1, 31).unwrap());
    }

    #[test]
    fn stored_intensity_and_regions_are_checked_on_read() {
        assert!(ron::from_str::<Intensity>("11").is_err());
        assert!(ron::from_str::<Regions>("[]").is_err());
        let r: Regions = ron::from_str("[\"right-sole\", \"left-sole\", \"right-sole\"]").unwrap();
        assert_eq!(r.ids().len(), 2);
    }
}
