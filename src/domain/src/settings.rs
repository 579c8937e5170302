//! Settings of one installation: who signs the letters and how the rotation runs.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::model::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub company: String,
    pub sender_name: String,
    pub sender_title: String,
    pub signature: String,
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            company: String::new(),
            sender_name: String::new(),
            sender_title: String::new(),
            signature: String::new(),
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
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    QuotaZero,
    QuotaTooHigh,
    CycleTooShort,
    CycleTooLong,
    NoWorkingDays,
}

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

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        let idx = day.weekday().num_days_from_monday() as usize;
        self.working_days[idx] && !self.holidays.contains(&day)
    }

    pub fn problems(&self) -> Vec<SettingsProblem> {
        let mut out = Vec::new();
        if self.quota == 0 {
            out.push(SettingsProblem::QuotaZero);
        }
        if self.quota > 1000 {
            out.push(SettingsProblem::QuotaTooHigh);
        }
        if self.cycle_days < 7 {
            out.push(SettingsProblem::CycleTooShort);
        }
        if self.cycle_days > 730 {
            out.push(SettingsProblem::CycleTooLong);
        }
        if !self.working_days.iter().any(|d| *d) {
            out.push(SettingsProblem::NoWorkingDays);
        }
        out
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
        assert_eq!(
            s.problems(),
            vec![
                SettingsProblem::QuotaZero,
                SettingsProblem::CycleTooShort,
                SettingsProblem::NoWorkingDays
            ]
        );
    }
}
