//! A person's name in its slots — surname, first name, patronymic — as far as the way it is written
//! tells them, and two names compared. Full words match in any order (first and last names are
//! swapped often); an initial matches only its own slot («Нестеров Г. И.» is not «Нестеров Илья
//! Геннадьевич»); a part missing on one side («Кузнецова Ю. В.» / «Кузнецова Юлия») is neutral.

use super::similar::{edits_apart, jaro_winkler, osa};

use super::normalize::skeleton;

/// One slot of a name: a full word's skeleton or only its initial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Word(String),
    Initial(char),
}

impl Part {
    fn first(&self) -> Option<char> {
        match self {
            Part::Word(w) => w.chars().next(),
            Part::Initial(c) => Some(*c),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonName {
    /// Skeletons of the full words (surname, first name, patronymic), sorted.
    pub words: Vec<String>,
    /// The same words as typed (folded), in the order of `words`: a slip that the skeleton
    /// blurs into another word («Ттаьяна» → «tana», «Татьяна» → «tatana») is one edit here.
    pub typed: Vec<String>,
    /// First letters of the words given only as initials («И. И.»), skeletonised.
    pub initials: Vec<char>,
    /// The first name and the patronymic, when the order of the words tells which is which.
    pub first: Option<Part>,
    pub patronymic: Option<Part>,
}

/// A patronymic's skeleton ends so: -ович/-евич, -овна/-евна, -инична, Ильич.
fn patronymic_like(skel: &str) -> bool {
    ["vic", "vna", "icna", "ilic"]
        .iter()
        .any(|end| skel.ends_with(end))
        && skel.len() > 4
}

/// The name's words as typed (folded), in their order.
pub fn person_name(words: &[String]) -> PersonName {
    let parts: Vec<Part> = words
        .iter()
        .filter_map(|w| {
            let s = skeleton(w);
            let c = s.chars().next()?;
            // «И», and «Zh» or «Yu» (a Latin initial of one Russian letter).
            Some(if w.chars().count() == 1 || s.len() == 1 {
                Part::Initial(c)
            } else {
                Part::Word(s)
            })
        })
        .collect();
    let mut p = PersonName::default();
    let mut full: Vec<(&String, &String)> = Vec::new();
    for (part, typed) in parts
        .iter()
        .zip(words.iter().filter(|w| !skeleton(w).is_empty()))
    {
        match part {
            Part::Word(w) => full.push((w, typed)),
            Part::Initial(c) => p.initials.push(*c),
        }
    }
    full.sort();
    (p.words, p.typed) = full
        .into_iter()
        .map(|(w, t)| (w.clone(), t.clone()))
        .unzip();
    let is_patronymic = |x: &Part| matches!(x, Part::Word(w) if patronymic_like(w));
    let is_initial = |x: &Part| matches!(x, Part::Initial(_));
    let slots = match parts.as_slice() {
        // «Иванов Иван Иванович», «Иванов И. И.», «Иванов И.»
        [_, f, pt] if is_patronymic(pt) || (is_initial(f) && is_initial(pt)) => {
            Some((f.clone(), Some(pt.clone())))
        }
        // «Иван Иванович Иванов», «И. И. Иванов»
        [f, pt, _] if is_patronymic(pt) || (is_initial(f) && is_initial(pt)) => {
            Some((f.clone(), Some(pt.clone())))
        }
        [Part::Word(_), f @ Part::Initial(_)] | [f @ Part::Initial(_), Part::Word(_)] => {
            Some((f.clone(), None))
        }
        // Three words and no patronymic recognised: the usual order of a Russian record.
        [Part::Word(_), f @ Part::Word(_), pt @ Part::Word(_)] => {
            Some((f.clone(), Some(pt.clone())))
        }
        _ => None,
    };
    if let Some((first, patronymic)) = slots {
        p.first = Some(first);
        p.patronymic = patronymic;
    }
    p
}

/// How alike two persons' names are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameLikeness {
    Same,
    /// A typo in a word.
    Close,
    /// Only the surname in full on one side, the rest initials or missing, and nothing disagrees.
    Similar,
    Different,
}

/// Two words of a name, 0–1: Jaro–Winkler, which forgives a late slip, or one or two edits
/// («Аастасия» / «Анастасия»), which it may not, or one edit as typed where the skeletons blur
/// a slip into more («Ттаьяна» / «Татьяна»).
fn word_similarity(a: &str, b: &str, typed: (&str, &str)) -> f64 {
    let jw = jaro_winkler(a, b);
    let n = a.len().min(b.len());
    if jw >= 0.9 {
        return jw;
    }
    match edits_apart(a, b, jw, 2) {
        Some(1) if n >= 4 => jw.max(0.9),
        // «Дрья» / «Дарья»: the skeletons are three and four letters long.
        Some(1) if n >= 3 => jw.max(0.88),
        Some(2) if n >= 7 => jw.max(0.88),
        _ if jw >= 0.75 && typo(typed.0, typed.1) => jw.max(0.88),
        _ => jw,
    }
}

/// Two words as typed one slip apart (a letter swapped, lost, doubled or another), both long
/// enough for a slip not to make another name.
fn typo(a: &str, b: &str) -> bool {
    let n = a.chars().count().min(b.chars().count());
    n >= 5 && a.len().abs_diff(b.len()) <= 2 && osa(a, b) <= 1
}

/// A word of a surname in the feminine against the masculine (Иванова / Иванов): two people.
fn other_gender(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.len() == short.len() + 1 && long.starts_with(short) && long.ends_with('a')
}

pub fn compare(a: &PersonName, b: &PersonName) -> NameLikeness {
    let (short, long) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    if short.words.is_empty() {
        return NameLikeness::Different;
    }
    if long.words.len() > 64 {
        return NameLikeness::Different;
    }
    // Full words paired in any order: equal words first, then the rest greedily, best first.
    // (`used` and `done` are bit sets: this runs for millions of pairs.)
    let (mut used, mut done) = (0u64, 0u64);
    for (k, w) in short.words.iter().enumerate() {
        let free = |i: &usize| used & (1 << i) == 0;
        if let Some(i) = (0..long.words.len())
            .filter(free)
            .find(|&i| long.words[i] == *w)
        {
            used |= 1 << i;
            done |= 1 << k;
        }
    }
    let mut worst: f64 = 1.0;
    let mut matched = done.count_ones();
    let mut joined = 0;
    for (k, (w, t)) in short.words.iter().zip(&short.typed).enumerate() {
        if done & (1 << k) != 0 {
            continue;
        }
        // «ЮрийКонстантинович»: two words of the other name with the space lost, a slip.
        if let Some((i, j)) = glued(w, &long.words, used) {
            used |= (1 << i) | (1 << j);
            worst = worst.min(0.9);
            matched += 2;
            joined += 1;
            continue;
        }
        let best = (0..long.words.len())
            .filter(|i| used & (1 << i) == 0)
            .map(|i| {
                let x = &long.words[i];
                (i, word_similarity(w, x, (t, &long.typed[i])), x)
            })
            .max_by(|x, y| x.1.total_cmp(&y.1));
        let Some((i, s, x)) = best else { break };
        if s < 0.85 || other_gender(w, x) {
            return NameLikeness::Different;
        }
        used |= 1 << i;
        worst = worst.min(s);
        matched += 1;
    }
    if !initials_agree(a, b) || !initials_agree(b, a) {
        return NameLikeness::Different;
    }
    // A word more that is no patronymic («Овсянникова Анастасия Групп») is a business named
    // after a person, not the person.
    let extra = long
        .words
        .iter()
        .enumerate()
        .any(|(i, w)| used & (1 << i) == 0 && !patronymic_like(w));
    if extra && short.words.len() >= 2 {
        return NameLikeness::Different;
    }
    match matched {
        0 => NameLikeness::Different,
        1 => NameLikeness::Similar,
        _ if !a.initials.is_empty() || !b.initials.is_empty() => NameLikeness::Similar,
        // A part on one side only (a patronymic left out) is no disagreement, but two names
        // agreeing in full say more: the rest equal, as much as a typo says.
        _ if short.words.len() + joined != long.words.len() && worst == 1.0 => NameLikeness::Close,
        _ if short.words.len() + joined != long.words.len() => NameLikeness::Similar,
        _ if worst == 1.0 => NameLikeness::Same,
        _ if worst >= 0.88 => NameLikeness::Close,
        _ => NameLikeness::Similar,
    }
}

/// Two of `words` not `used` yet that make `w` run together, in either order.
fn glued(w: &str, words: &[String], used: u64) -> Option<(usize, usize)> {
    let free = |i: &usize| used & (1 << i) == 0;
    (0..words.len()).filter(free).find_map(|i| {
        let rest = w.strip_prefix(words[i].as_str())?;
        let j = (0..words.len())
            .filter(free)
            .find(|&j| j != i && words[j] == rest)?;
        Some((i, j))
    })
}

/// Every initial of `x` agrees with `y`: with the same slot when both know their slots, otherwise
/// with some word or initial of `y`. A slot `y` lacks is no disagreement.
fn initials_agree(x: &PersonName, y: &PersonName) -> bool {
    if x.first.is_some() && y.first.is_some() {
        let slot_ok = |mine: &Option<Part>, theirs: &Option<Part>| match (mine, theirs) {
            (Some(Part::Initial(c)), Some(t)) => t.first() == Some(*c),
            _ => true,
        };
        return slot_ok(&x.first, &y.first) && slot_ok(&x.patronymic, &y.patronymic);
    }
    // `y`'s slots unknown («Кузнецова Юлия»): the first initial must be found in it; a later one
    // may stand for a part `y` does not have.
    let mut absent = 3usize.saturating_sub(y.words.len() + y.initials.len());
    for (k, c) in x.initials.iter().enumerate() {
        let found = y.words.iter().any(|w| w.starts_with(*c)) || y.initials.contains(c);
        if !found {
            if k == 0 || absent == 0 {
                return false;
            }
            absent -= 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn name(s: &str) -> PersonName {
        let words: Vec<String> = fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        person_name(&words)
    }

    fn like(a: &str, b: &str) -> NameLikeness {
        compare(&name(a), &name(b))
    }

    #[test]
    fn words_in_any_order_and_spelling() {
        use NameLikeness::*;
        assert_eq!(like("Иванов Иван Иванович", "Ivan Ivanovich Ivanov"), Same);
        assert_eq!(like("Иванов Иван", "Иван Иванов"), Same);
        assert_eq!(like("Иванов Иван Иванович", "Иванов Иван"), Close);
        assert_eq!(like("Иванов Иван Иванович", "Иванов Ивна"), Similar);
        assert_eq!(
            like("Смирнова Анна Петровна", "Смирнова Ана Петровна"),
            Same
        );
        assert_eq!(
            like("Кузнецова Юлия Викторовна", "Кузнецова Юлия Виктровна"),
            Close
        );
        assert_eq!(
            like(
                "Терехова Анастасия Ильинична",
                "Терехова Аастасия Ильинична"
            ),
            Close
        );
        // A Cyrillic «ио» is a typo, not a «ё» in Latin letters.
        assert_eq!(
            like("Михайлов Ниолай Ивановиич", "Михайлов Николай Иванович"),
            Close
        );
    }

    #[test]
    fn initials_only_in_their_own_slot() {
        use NameLikeness::*;
        assert_eq!(
            like("Нестеров Г. И.", "Нестеров Илья Геннадьевич"),
            Different
        );
        assert_eq!(like("Нестеров И. Г.", "Нестеров Илья Геннадьевич"), Similar);
        assert_eq!(like("И. Г. Нестеров", "Нестеров Илья Геннадьевич"), Similar);
        // A patronymic's initial with nothing to match is neutral.
        assert_eq!(like("Кузнецова Ю. В.", "Кузнецова Юлия"), Similar);
        assert_eq!(like("Кузнецова Ю. В.", "Кузнецова Анна"), Different);
        // A Latin initial of one Russian letter.
        assert_eq!(like("Zh. Kovaleva", "Ковалёва Жанна Олеговна"), Similar);
    }

    #[test]
    fn relatives_are_different_people() {
        use NameLikeness::*;
        assert_eq!(
            like("Иванов Иван Петрович", "Иванова Ирина Петровна"),
            Different
        );
        assert_eq!(like("Иванов И. П.", "Иванова И. П."), Different);
        assert_eq!(
            like("Иванов Иван Петрович", "Иванов Иван Сергеевич"),
            Different
        );
        assert_eq!(like("Петров Пётр", "Сидоров Пётр"), Different);
        assert_eq!(
            like("Овсянникова Анастасия", "Овсянникова Анастасия Групп"),
            Different
        );
        assert_eq!(like("Белякова Дарья Сергеевна", "Белякова Дрья"), Similar);
        assert_eq!(like("Авдеева Ольга", "Авдеева Олеся"), Different);
    }

    #[test]
    fn a_slip_the_skeleton_blurs_is_still_a_slip() {
        assert_eq!(
            like("Ттаьяна Авдеева", "Авдеева Татьяна Петровна"),
            NameLikeness::Similar
        );
        assert_eq!(
            like("Авдеева Ттаьяна", "Авдеева Татьяна"),
            NameLikeness::Close
        );
        assert_eq!(
            like("Врооонин Валерий Васильевич", "Воронин Валерий Васильевич"),
            NameLikeness::Close
        );
        assert_eq!(
            like("Ивваов Николай Романович", "Иванов Николай Романович"),
            NameLikeness::Close
        );
    }

    #[test]
    fn a_space_lost_between_two_words_is_a_slip() {
        assert_eq!(
            like(
                "Кузьмин Юрий Константинович",
                "«Кузьмин ЮрийКонстантинович»"
            ),
            NameLikeness::Close
        );
        assert_eq!(
            like("КузьминЮрий Константинович", "Юрий Константинович Кузьмин"),
            NameLikeness::Close
        );
        // Only the other name's own words run together.
        assert_eq!(
            like("Кузьмин Юрий Константинович", "Кузьмин ЮрийПетрович"),
            NameLikeness::Different
        );
    }
}
