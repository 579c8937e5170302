//! Who the letter is to decides its words: a school's pupils and teachers liked the medals, not
//! «сотрудники Вашей компании»; a club's athletes; the guests of a town's festival. Read from the
//! client's kind, legal form, name and segments, the way the letter writer reads the card.

use crate::model::{Client, ClientKind};

/// The kinds of addressee whose letters differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Company,
    School,
    Kindergarten,
    /// A municipal or state body, a house of culture.
    Public,
    /// A sports club, a federation, a sports school.
    Club,
    Person,
}

/// The words a letter uses for one addressee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub audience: Audience,
    /// «Вашей школы», «Вашего клуба»; «Вас» for a private client.
    pub genitive: &'static str,
    /// «Вашей школе», «Вашему клубу»; «Вам».
    pub dative: &'static str,
    /// Who enjoyed the awards, in the dative: «ученикам и учителям», «Вашим спортсменам».
    pub people: &'static str,
    /// What the awards are for: «к турнирам и соревнованиям».
    pub occasions: &'static str,
}

const fn org(
    audience: Audience,
    genitive: &'static str,
    dative: &'static str,
    people: &'static str,
    occasions: &'static str,
) -> Org {
    Org {
        audience,
        genitive,
        dative,
        people,
        occasions,
    }
}

const SPORT_SCHOOL: Org = org(
    Audience::Club,
    "Вашей спортивной школы",
    "Вашей спортивной школе",
    "Вашим воспитанникам и тренерам",
    "к соревнованиям и турнирам",
);
const KINDERGARTEN: Org = org(
    Audience::Kindergarten,
    "Вашего детского сада",
    "Вашему детскому саду",
    "детям и воспитателям",
    "к утренникам, праздникам и выпускным",
);
const LYCEUM: Org = org(
    Audience::School,
    "Вашего лицея",
    "Вашему лицею",
    "ученикам и учителям",
    "к олимпиадам, конкурсам и выпускным",
);
const GYMNASIUM: Org = org(
    Audience::School,
    "Вашей гимназии",
    "Вашей гимназии",
    "ученикам и учителям",
    "к олимпиадам, конкурсам и выпускным",
);
const COLLEGE: Org = org(
    Audience::School,
    "Вашего учебного заведения",
    "Вашему учебному заведению",
    "студентам и преподавателям",
    "к конкурсам, олимпиадам и выпускным",
);
const SCHOOL: Org = org(
    Audience::School,
    "Вашей школы",
    "Вашей школе",
    "ученикам и учителям",
    "к олимпиадам, конкурсам и выпускным",
);
const FEDERATION: Org = org(
    Audience::Club,
    "Вашей федерации",
    "Вашей федерации",
    "участникам Ваших турниров",
    "к турнирам и соревнованиям",
);
const CLUB: Org = org(
    Audience::Club,
    "Вашего клуба",
    "Вашему клубу",
    "Вашим спортсменам",
    "к турнирам и соревнованиям",
);
const AUTHORITY: Org = org(
    Audience::Public,
    "Вашего ведомства",
    "Вашему ведомству",
    "участникам Ваших конкурсов и мероприятий",
    "к городским конкурсам, праздникам и награждениям",
);
const CULTURE: Org = org(
    Audience::Public,
    "Вашего учреждения",
    "Вашему учреждению",
    "участникам Ваших мероприятий",
    "к конкурсам, фестивалям и праздникам",
);
const COMPANY: Org = org(
    Audience::Company,
    "Вашей компании",
    "Вашей компании",
    "Вашим сотрудникам",
    "к корпоративным праздникам и для награждения сотрудников",
);
const PERSON: Org = org(
    Audience::Person,
    "Вас",
    "Вам",
    "Вам",
    "к праздникам и памятным датам",
);

/// Words in the lower-cased name, most particular first. Those that only an educational body
/// has count for a business too (a dance school, Ltd); the rest not («Союз-Трейд», LLC).
const EDUCATION: &[(&[&str], Org)] = &[
    (
        &[
            "дюсш",
            "спортивная школа",
            "спортшкола",
            "школа плавания",
            "олимпийского резерва",
        ],
        SPORT_SCHOOL,
    ),
    (&["детский сад", "детского сада", "доу"], KINDERGARTEN),
    (&["лицей"], LYCEUM),
    (&["гимнази"], GYMNASIUM),
    (&["колледж", "техникум", "университет", "институт"], COLLEGE),
    (&["школ", "сош"], SCHOOL),
];
const NON_PROFIT: &[(&[&str], Org)] = &[
    (&["федерац", "ассоциац", "союз"], FEDERATION),
    (&["клуб", "фк", "хк", "спорт", "секци"], CLUB),
    (
        &[
            "администрац",
            "управлени",
            "комитет",
            "департамент",
            "министерств",
        ],
        AUTHORITY,
    ),
    (
        &[
            "дворец",
            "дом культуры",
            "центр творчества",
            "культурный центр",
            "музей",
            "библиотек",
        ],
        CULTURE,
    ),
];

const COMMERCIAL_FORMS: &[&str] = &["ооо", "ао", "пао", "зао", "оао", "ип"];
/// Public bodies by their legal form when the name says nothing (МКУ «Горсвет»).
const PUBLIC_FORMS: &[&str] = &["мку", "мбу", "мау", "гку", "гбу", "гау", "фгбу", "огбу"];
const CLUB_FORMS: &[&str] = &["ано", "роо", "оо", "рсоо", "нп"];

/// Whether `name` (lower case) holds `w`: a short abbreviation as a whole word («СОШ № 5», never
/// inside another word), a longer stem anywhere.
fn holds(name: &str, w: &str) -> bool {
    if w.chars().count() <= 3 {
        name.split(|ch: char| !ch.is_alphabetic()).any(|x| x == w)
    } else {
        name.contains(w)
    }
}

fn by_name(table: &[(&[&str], Org)], name: &str) -> Option<Org> {
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| holds(name, w)))
        .map(|(_, o)| o.clone())
}

/// Which words the letter to `c` uses.
pub fn org_of(c: &Client) -> Org {
    if c.kind == ClientKind::Person {
        return PERSON;
    }
    let name = c.name.to_lowercase();
    let form = c.legal_form.trim().to_lowercase();
    let segments = c.segments.join(" ").to_lowercase();
    let commercial = COMMERCIAL_FORMS.contains(&form.as_str());
    if let Some(o) = by_name(EDUCATION, &name) {
        return o;
    }
    if !commercial {
        if let Some(o) = by_name(NON_PROFIT, &name) {
            return o;
        }
    }
    // By the legal form (МБДОУ, МАОУ, МКУ) or the segment the base keeper put it in.
    if form.ends_with("доу") {
        KINDERGARTEN
    } else if form.ends_with("оу") || segments.contains("школ") {
        SCHOOL
    } else if PUBLIC_FORMS.contains(&form.as_str()) || segments.contains("госучрежд") {
        AUTHORITY
    } else if !commercial
        && (CLUB_FORMS.contains(&form.as_str())
            || segments.contains("спорт")
            || segments.contains("клуб"))
    {
        CLUB
    } else {
        COMPANY
    }
}

/// What is ahead in the next two months that awards are bought for, by the month of `today`
/// (0 = January): «к новогодним праздникам».
pub fn season(audience: Audience, month0: u32) -> Option<&'static str> {
    use Audience::*;
    Some(match (audience, month0) {
        (_, 10 | 11) => "к новогодним праздникам",
        (Company | Public, 0 | 1) => "к 23 Февраля и 8 Марта",
        (School, 2..=4) => "к последнему звонку и выпускным",
        (Kindergarten, 2..=4) => "к выпускным",
        (School | Kindergarten, 6 | 7) => "к 1 Сентября",
        (Club, 2..=4) => "к весенним соревнованиям",
        (Club, 5..=7) => "к летним турнирам",
        (Public, 4) => "ко Дню города и летним праздникам",
        (Company, 7 | 8) => "к осенним корпоративным событиям",
        _ => return None,
    })
}
