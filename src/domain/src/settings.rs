//! Settings of one installation: who signs the letters and how the rotation runs.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::contact::{normalize_email, EmailProblem};
use super::model::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub company: String,
    pub sender_name: String,
    pub sender_title: String,
    pub signature: String,
    /// The address letters are sent from: the `From:` of an e-mailed letter. Empty: the e-mail of
    /// the person at the computer, if the staff list has one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sender_email: String,
    /// The company's postal address, for the letterhead and the envelopes' sender block.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub return_address: String,
    /// The same four for English letters; an empty one falls back to the Russian.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub company_en: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sender_name_en: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sender_title_en: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signature_en: String,
    /// Letters a working day.
    pub quota: u32,
    /// Days in which every pool client gets one letter.
    pub cycle_days: u32,
    /// Monday first.
    pub working_days: [bool; 7],
    pub holidays: Vec<NaiveDate>,
    /// `None`: follow the browser.
    pub ui_language: Option<Lang>,
    pub minutes_per_letter: u32,
    /// What reaching the same client by phone takes (calls, call-backs, notes): the figure
    /// letters are measured against.
    pub minutes_per_call: u32,
    /// An order this many days after a letter counts as revenue from letters.
    pub attribution_days: u32,
    /// A salesperson's client with nothing logged for this many days is proposed back to the pool.
    pub inactive_days: u32,
    /// The working day, in whole hours of local time: requests' answer times count only these.
    pub work_from: u32,
    pub work_to: u32,
    /// Working hours each department has to answer a corporate request: Finance, Technical,
    /// Quality, Sales.
    pub answer_hours: [u32; 4],
    /// A product is «new» in a letter if it came out after the client's last order and within
    /// this many months: a letter never calls a product of ten years ago new.
    pub new_within_months: u32,
    /// The composer takes the phrasings that got more answers more often (letters::learning).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub favour_answers: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            company: String::new(),
            sender_name: String::new(),
            sender_title: String::new(),
            signature: String::new(),
            sender_email: String::new(),
            return_address: String::new(),
            company_en: String::new(),
            sender_name_en: String::new(),
            sender_title_en: String::new(),
            signature_en: String::new(),
            quota: 40,
            cycle_days: 90,
            working_days: [true, true, true, true, true, false, false],
            holidays: Vec::new(),
            ui_language: None,
            minutes_per_letter: 6,
            minutes_per_call: 15,
            attribution_days: 90,
            inactive_days: 180,
            work_from: 9,
            work_to: 18,
            answer_hours: [8, 16, 24, 8],
            new_within_months: 24,
            favour_answers: false,
        }
    }
}

/// A setting outside what the app can work with, named by its field (as in the backup file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// A number outside `min..=max`.
    OutOfRange {
        field: &'static str,
        min: u32,
        max: u32,
    },
    /// A text longer than `max` characters (it goes into every letter and into localStorage).
    TooLong {
        field: &'static str,
        max: usize,
    },
    NoWorkingDays,
    /// The working day ends before it starts.
    WorkDayEmpty,
    TooManyHolidays {
        max: usize,
    },
    BadEmail(EmailProblem),
}

impl SettingsProblem {
    pub fn field(&self) -> &'static str {
        match self {
            SettingsProblem::OutOfRange { field, .. } | SettingsProblem::TooLong { field, .. } => {
                field
            }
            SettingsProblem::NoWorkingDays => "working_days",
            SettingsProblem::WorkDayEmpty => "work_to",
            SettingsProblem::TooManyHolidays { .. } => "holidays",
            SettingsProblem::BadEmail(_) => "sender_email",
        }
    }

    /// English, for the command line and backup errors; the app words its own.
    pub fn message(&self) -> String {
        match self {
            SettingsProblem::OutOfRange { min, max, .. } => {
                format!("must be between {min} and {max}")
            }
            SettingsProblem::TooLong { max, .. } => format!("is longer than {max} characters"),
            SettingsProblem::NoWorkingDays => "no day of the week is a working day".into(),
            SettingsProblem::WorkDayEmpty => "the working day must end after it starts".into(),
            SettingsProblem::TooManyHolidays { max } => format!("more than {max} holidays"),
            SettingsProblem::BadEmail(e) => {
                crate::validate::Problem::Email(*e).message().to_string()
            }
        }
    }
}

/// The numbers and their ranges, in one table: the checks, the repair of a stored value and the
/// settings page all read it. Past these the arithmetic of the sections (dates `cycle_days` back,
/// working hours for an answer) stops meaning anything, and would overflow long before `u32::MAX`.
#[allow(clippy::type_complexity)]
pub const RANGES: [(&str, fn(&mut Settings) -> &mut u32, u32, u32); 13] = [
    ("quota", |s| &mut s.quota, 1, 1000),
    ("cycle_days", |s| &mut s.cycle_days, 7, 730),
    ("minutes_per_letter", |s| &mut s.minutes_per_letter, 1, 240),
    ("minutes_per_call", |s| &mut s.minutes_per_call, 1, 240),
    ("attribution_days", |s| &mut s.attribution_days, 1, 730),
    ("inactive_days", |s| &mut s.inactive_days, 7, 3650),
    ("work_from", |s| &mut s.work_from, 0, 23),
    ("work_to", |s| &mut s.work_to, 1, 24),
    ("answer_hours[0]", |s| &mut s.answer_hours[0], 1, 1000),
    ("answer_hours[1]", |s| &mut s.answer_hours[1], 1, 1000),
    ("answer_hours[2]", |s| &mut s.answer_hours[2], 1, 1000),
    ("answer_hours[3]", |s| &mut s.answer_hours[3], 1, 1000),
    ("new_within_months", |s| &mut s.new_within_months, 1, 240),
];

/// The texts and their longest allowed length in characters.
#[allow(clippy::type_complexity)]
const TEXTS: [(&str, fn(&mut Settings) -> &mut String, usize); 10] = [
    ("company", |s| &mut s.company, 200),
    ("sender_name", |s| &mut s.sender_name, 200),
    ("sender_title", |s| &mut s.sender_title, 200),
    ("signature", |s| &mut s.signature, 2000),
    ("sender_email", |s| &mut s.sender_email, 254),
    ("return_address", |s| &mut s.return_address, 1000),
    ("company_en", |s| &mut s.company_en, 200),
    ("sender_name_en", |s| &mut s.sender_name_en, 200),
    ("sender_title_en", |s| &mut s.sender_title_en, 200),
    ("signature_en", |s| &mut s.signature_en, 2000),
];

pub const MAX_HOLIDAYS: usize = 1000;

impl Settings {
    /// (company, sender, title, signature) for letters in `lang`, English falling back to Russian
    /// field by field.
    pub fn sender_for(&self, lang: super::model::Lang) -> [&str; 4] {
        let ru = [
            &self.company,
            &self.sender_name,
            &self.sender_title,
            &self.signature,
        ];
        match lang {
            super::model::Lang::Ru => ru.map(String::as_str),
            super::model::Lang::En => {
                let en = [
                    &self.company_en,
                    &self.sender_name_en,
                    &self.sender_title_en,
                    &self.signature_en,
                ];
                let mut out = ru.map(String::as_str);
                for (o, e) in out.iter_mut().zip(en) {
                    if !e.trim().is_empty() {
                        *o = e.as_str();
                    }
                }
                out
            }
        }
    }

    /// The sender's e-mail as written to a `From:`, `None` when none is set.
    pub fn sender_address(&self) -> Result<Option<String>, EmailProblem> {
        if self.sender_email.trim().is_empty() {
            return Ok(None);
        }
        normalize_email(&self.sender_email).map(Some)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        let idx = day.weekday().num_days_from_monday() as usize;
        self.working_days[idx] && !self.holidays.contains(&day)
    }

    /// Everything out of range, each with its field; empty when the settings are usable.
    pub fn problems(&self) -> Vec<SettingsProblem> {
        let mut out = Vec::new();
        let mut s = self.clone();
        for (field, get, min, max) in RANGES {
            let v = *get(&mut s);
            if !(min..=max).contains(&v) {
                out.push(SettingsProblem::OutOfRange { field, min, max });
            }
        }
        for (field, get, max) in TEXTS {
            if get(&mut s).chars().count() > max {
                out.push(SettingsProblem::TooLong { field, max });
            }
        }
        if !self.working_days.iter().any(|d| *d) {
            out.push(SettingsProblem::NoWorkingDays);
        }
        if self.work_from >= self.work_to {
            out.push(SettingsProblem::WorkDayEmpty);
        }
        if self.holidays.len() > MAX_HOLIDAYS {
            out.push(SettingsProblem::TooManyHolidays { max: MAX_HOLIDAYS });
        }
        if let Err(e) = self.sender_address() {
            out.push(SettingsProblem::BadEmail(e));
        }
        out
    }

    /// The settings brought into range (a number clamped, a text cut, an impossible week or
    /// working day back to its default), with what was repaired: for values that come from
    /// storage, where refusing would leave the app without settings.
    pub fn repaired(mut self) -> (Settings, Vec<SettingsProblem>) {
        let problems = self.problems();
        if problems.is_empty() {
            return (self, problems);
        }
        let d = Settings::default();
        for (_, get, min, max) in RANGES {
            let v = get(&mut self);
            *v = (*v).clamp(min, max);
        }
        for (_, get, max) in TEXTS {
            let t = get(&mut self);
            if let Some((cut, _)) = t.char_indices().nth(max) {
                t.truncate(cut);
            }
        }
        if !self.working_days.iter().any(|d| *d) {
            self.working_days = d.working_days;
        }
        if self.work_from >= self.work_to {
            (self.work_from, self.work_to) = (d.work_from, d.work_to);
        }
        self.holidays.truncate(MAX_HOLIDAYS);
        if self.sender_address().is_err() {
            self.sender_email.clear();
        }
        (self, problems)
    }
}

pub fn weekday_index(w: Weekday) -> usize {
    w.num_days_from_monday() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let mut s = Settings::default();
        let fri = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let sat = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert!(s.is_working_day(fri));
        assert!(!s.is_working_day(sat));
        s.holidays.push(fri);
        assert!(!s.is_working_day(fri));
    }

    #[test]
    fn defaults_are_valid_and_bad_values_are_named() {
        assert!(Settings::default().problems().is_empty());
        let s = Settings {
            quota: 0,
            cycle_days: 3,
            working_days: [false; 7],
            ..Settings::default()
        };
        let fields: Vec<_> = s.problems().iter().map(SettingsProblem::field).collect();
        assert_eq!(fields, ["quota", "cycle_days", "working_days"]);
    }

    #[test]
    fn every_number_has_a_range_and_extremes_are_refused() {
        let s = Settings {
            inactive_days: 100_000_000,
            answer_hours: [u32::MAX; 4],
            cycle_days: u32::MAX,
            work_from: 20,
            work_to: 8,
            signature: "я".repeat(6_000_000),
            ..Settings::default()
        };
        let fields: Vec<_> = s.problems().iter().map(SettingsProblem::field).collect();
        assert_eq!(
            fields,
            [
                "cycle_days",
                "inactive_days",
                "answer_hours[0]",
                "answer_hours[1]",
                "answer_hours[2]",
                "answer_hours[3]",
                "signature",
                "work_to"
            ]
        );
        let (fixed, was) = s.repaired();
        assert_eq!(was.len(), 8);
        assert!(fixed.problems().is_empty(), "{:?}", fixed.problems());
        assert_eq!(fixed.cycle_days, 730);
        assert_eq!(fixed.inactive_days, 3650);
        assert_eq!(fixed.signature.chars().count(), 2000);
        assert_eq!((fixed.work_from, fixed.work_to), (9, 18));
    }

    #[test]
    fn a_repair_leaves_good_settings_alone() {
        let s = Settings {
            quota: 12,
            signature: "С уважением".into(),
            ..Settings::default()
        };
        assert_eq!(s.clone().repaired(), (s, vec![]));
    }

    #[test]
    fn the_sender_address_must_be_an_address() {
        let mut s = Settings {
            sender_email: " Letters@Lavr-Venets.ru ".into(),
            ..Settings::default()
        };
        assert_eq!(
            s.sender_address(),
            Ok(Some("letters@lavr-venets.ru".into()))
        );
        s.sender_email = "letters lavr-venets.ru".into();
        let fields: Vec<_> = s.problems().iter().map(SettingsProblem::field).collect();
        assert_eq!(fields, ["sender_email"]);
        let (fixed, _) = s.repaired();
        assert_eq!(fixed.sender_address(), Ok(None));
    }
}
