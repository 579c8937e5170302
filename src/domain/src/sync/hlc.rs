//! Hybrid logical clocks: wall time, a counter and the device, so that the order of two edits made
//! on different computers does not depend on either computer's clock alone. A computer whose clock
//! runs an hour fast does not win every later edit for an hour: whoever has seen its edit stamps
//! theirs after it (Kulkarni et al., "Logical Physical Clocks", 2014).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::Timestamp;

/// A clock reading. Ordered by wall time, then counter, then device, so that two readings are
/// never equal unless they are the same event (or both [`Hlc::legacy`] of one moment).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Milliseconds since 1970.
    pub ms: i64,
    pub n: u32,
    /// The device that made the event; empty for stamps derived from `updated_at`.
    pub device: String,
}

/// How far ahead of this computer's clock another's may be before the user is told.
pub const SKEW_WARN_MS: i64 = 5 * 60 * 1000;

impl Hlc {
    /// The stamp of a record edited before this computer kept clocks: its `updated_at`, from no
    /// device. Every computer derives the same stamp from the same record.
    pub fn legacy(at: Timestamp) -> Hlc {
        Hlc {
            ms: at.timestamp_millis(),
            n: 0,
            device: String::new(),
        }
    }

    /// The wall time of the stamp.
    pub fn time(&self) -> Timestamp {
        chrono::DateTime::from_timestamp_millis(self.ms).unwrap_or_default()
    }
}

impl fmt::Display for Hlc {
    /// `0001764900000000.0003.k3x9q2`: fixed width, so the text sorts as the clock does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016}.{:04x}.{}", self.ms.max(0), self.n, self.device)
    }
}

impl std::str::FromStr for Hlc {
    type Err = String;
    fn from_str(s: &str) -> Result<Hlc, String> {
        let mut parts = s.splitn(3, '.');
        let (Some(ms), Some(n), Some(device)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("not a clock reading: {s:?}"));
        };
        Ok(Hlc {
            ms: ms
                .parse()
                .map_err(|_| format!("not a clock reading: {s:?}"))?,
            n: u32::from_str_radix(n, 16).map_err(|_| format!("not a clock reading: {s:?}"))?,
            device: device.to_string(),
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Hlc, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One device's clock: the last reading it gave or saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    pub fn new(device: &str, last: Option<Hlc>) -> Clock {
        let mut last = last.unwrap_or_default();
        last.device = device.to_string();
        Clock { last }
    }

    pub fn device(&self) -> &str {
        &self.last.device
    }

    /// The last reading, to be kept across restarts.
    pub fn last(&self) -> &Hlc {
        &self.last
    }

    /// A reading for an event here, later than every reading given or seen so far.
    pub fn tick(&mut self, wall_ms: i64) -> Hlc {
        if wall_ms > self.last.ms {
            self.last.ms = wall_ms;
            self.last.n = 0;
        } else {
            self.last.n = self.last.n.saturating_add(1);
        }
        self.last.clone()
    }

    /// Takes in a reading from elsewhere, so the next event here is after it. Returns by how many
    /// milliseconds it is ahead of this computer's clock when that is more than [`SKEW_WARN_MS`]:
    /// the other computer's clock is probably wrong, and the user is told.
    pub fn observe(&mut self, seen: &Hlc, wall_ms: i64) -> Option<i64> {
        if (seen.ms, seen.n) > (self.last.ms, self.last.n) {
            self.last.ms = seen.ms;
            self.last.n = seen.n;
        }
        let ahead = seen.ms - wall_ms;
        (ahead > SKEW_WARN_MS).then_some(ahead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_sort_as_text_and_as_values() {
        let a = Hlc {
            ms: 1_764_900_000_000,
            n: 3,
            device: "b".into(),
        };
        let b = Hlc {
            ms: 1_764_900_000_000,
            n: 10,
            device: "a".into(),
        };
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.to_string().parse::<Hlc>().unwrap(), a);
        assert!("12.x.dev".parse::<Hlc>().is_err());
    }

    #[test]
    fn a_clock_never_goes_back_and_follows_a_fast_computer() {
        let mut c = Clock::new("a", None);
        let t1 = c.tick(1000);
        let t2 = c.tick(900); // the wall clock was set back
        assert!(t2 > t1);
        let fast = Hlc {
            ms: 1000 + 3_600_000,
            n: 0,
            device: "b".into(),
        };
        assert_eq!(c.observe(&fast, 1000), Some(3_600_000));
        let t3 = c.tick(1001);
        assert!(
            t3 > fast,
            "an edit made after seeing the fast one comes after it"
        );
        assert_eq!(c.observe(&t1, 1001), None);
    }
}
