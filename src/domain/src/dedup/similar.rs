//! Jaro–Winkler on the ASCII skeletons the search compares, without allocating: the same figures
//! as `strsim::jaro_winkler` (a test holds the two together), at a fraction of the cost — a
//! search at 100,000 clients runs it tens of millions of times, and strsim's generic version
//! decodes characters and allocates on every call. Other text goes to strsim.

pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || x.len() > 64 || y.len() > 64 {
        return strsim::jaro_winkler(a, b);
    }
    let sim = jaro(x, y);
    if sim > 0.7 {
        let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// The edits (a swap counts one) between two words a typo or two apart, at most `max`: what
/// Jaro–Winkler (`jw`, already known) misses when the slip is early. Pairs whose lengths differ
/// by more, or that Jaro–Winkler puts far apart, are no typo and skip the costlier count.
pub fn edits_apart(a: &str, b: &str, jw: f64, max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max || jw < 0.7 {
        return None;
    }
    Some(osa(a, b)).filter(|d| *d <= max)
}

/// The optimal-string-alignment distance (strsim's `osa_distance`: edits, a swap of neighbours
/// counting one) with its rows on the stack for words up to 32 characters; strsim allocates on
/// every call, and the search asks this for millions of pairs of words.
pub fn osa(a: &str, b: &str) -> usize {
    const MAX: usize = 32;
    fn load(s: &str, into: &mut [char; MAX]) -> Option<usize> {
        let mut n = 0;
        for c in s.chars() {
            *into.get_mut(n)? = c;
            n += 1;
        }
        Some(n)
    }
    let (mut x, mut y) = (['\0'; MAX], ['\0'; MAX]);
    let (Some(n), Some(m)) = (load(a, &mut x), load(b, &mut y)) else {
        return strsim::osa_distance(a, b);
    };
    let mut before = [0usize; MAX + 1];
    let mut prev: [usize; MAX + 1] = std::array::from_fn(|j| j);
    let mut cur = [0usize; MAX + 1];
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(x[i - 1] != y[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
        }
        before = prev;
        prev = cur;
    }
    prev[m]
}

/// Jaro similarity of two byte strings of at most 64 bytes (the matched positions are bits).
fn jaro(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut in_a, mut in_b) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        for (j, &d) in b.iter().enumerate().take(i + range + 1).skip(lo) {
            if in_b & (1 << j) == 0 && d == c {
                in_a |= 1 << i;
                in_b |= 1 << j;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let (mut transpositions, mut j) = (0usize, 0usize);
    for (i, &c) in a.iter().enumerate() {
        if in_a & (1 << i) != 0 {
            while in_b & (1 << j) == 0 {
                j += 1;
            }
            if b[j] != c {
                transpositions += 1;
            }
            j += 1;
        }
    }
    let m = matches as f64;
    let t = (transpositions / 2) as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_figures_as_strsim() {
        let words = [
            "",
            "a",
            "ivanov",
            "ivanova",
            "ivnaov",
            "sukin",
            "shukin",
            "romaska",
            "romashka",
            "martha",
            "marhta",
            "dixon",
            "dicksonx",
            "jellyfish",
            "smellyfish",
            "lenina",
            "elnina",
            "frunze",
            "rfnze",
            "157",
            "1157",
            "anastasia",
            "astasia",
            "ulsovetskaia",
            "sovetskaia",
        ];
        for a in words {
            for b in words {
                let (ours, theirs) = (jaro_winkler(a, b), strsim::jaro_winkler(a, b));
                assert!((ours - theirs).abs() < 1e-12, "{a} {b}: {ours} {theirs}");
            }
        }
        assert_eq!(jaro_winkler("Щукин", "Щукин"), 1.0);
        for a in words
            .iter()
            .chain(&["ттаьяна", "татьяна", "ab", "ba", "abc", "ca"])
        {
            for b in words
                .iter()
                .chain(&["ттаьяна", "татьяна", "ab", "ba", "abc", "ca"])
            {
                assert_eq!(osa(a, b), strsim::osa_distance(a, b), "{a} {b}");
            }
        }
        let long = "a".repeat(40);
        assert_eq!(osa(&long, &long[2..]), 2);
        let long = "a".repeat(80);
        assert_eq!(
            jaro_winkler(&long, &long[1..]),
            strsim::jaro_winkler(&long, &long[1..])
        );
    }
}
