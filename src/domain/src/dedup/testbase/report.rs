//! What the duplicate search did on a test base (`pismo-cli testbase --clients N --report`):
//! the quality reached, what the model learned (m, u and the weight of every level) and the
//! commonest kinds of false and missed pairs with an example — what one reads to see why the
//! search does what it does.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::*;
use crate::dedup::blocking::SharedCounts;
use crate::dedup::compare::{Match, FIELDS, MATCHES};
use crate::dedup::{find_with_model, profiles, DedupSettings, Model, Pair, Profile, Scorer};

fn print_model(out: &mut String, model: &Model) {
    for (f, field) in FIELDS.iter().enumerate() {
        let cells: Vec<String> = (0..MATCHES)
            .filter(|&l| model.m[f][l] > 0.0)
            .filter_map(|l| Match::from_index(l).map(|m| (l, m)))
            .map(|(l, m)| {
                let w = model.weight(*field, m);
                format!(
                    "{m:?} m={:.3} u={:.2e} w={w:+.1}",
                    model.m[f][l], model.u[f][l]
                )
            })
            .collect();
        let _ = writeln!(out, "  {field:?}: {}", cells.join(" | "));
    }
}

/// The commonest evidence patterns among `pairs`, with one example each.
fn print_kinds(out: &mut String, label: &str, pairs: &[Pair], tb: &TestBase) {
    let by_id: HashMap<Id, &Client> = tb.clients.iter().map(|c| (c.id, c)).collect();
    let describe = |id: Id| {
        by_id.get(&id).map_or(String::new(), |c| {
            let a = c.addresses.first();
            let city = a.map(|a| a.city.as_str()).unwrap_or_default();
            let street = a.map(|a| a.street.as_str()).unwrap_or_default();
            format!("{} / {city} {street}", c.name)
        })
    };
    let mut kinds: HashMap<String, (usize, String)> = HashMap::new();
    for p in pairs {
        let k: Vec<String> = p
            .evidence
            .iter()
            .map(|e| format!("{:?}:{:?}", e.field, e.how))
            .collect();
        let e = kinds
            .entry(format!("{:.2} {}", p.score, k.join(" ")))
            .or_default();
        if e.0 == 0 {
            e.1 = format!("{} ~ {}", describe(p.a), describe(p.b));
        }
        e.0 += 1;
    }
    let mut kinds: Vec<_> = kinds.into_iter().collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1 .0));
    for (k, (n, example)) in kinds.iter().take(6) {
        let _ = writeln!(out, "    {label} x{n}: {k}\n        {example}");
    }
}

fn missed(tb: &TestBase, found: &HashSet<(Id, Id)>, ps: &[Profile], model: &Model) -> Vec<Pair> {
    let by_id: HashMap<Id, &Profile> = ps.iter().map(|p| (p.id, p)).collect();
    let counts = SharedCounts::of(ps);
    let settings = DedupSettings::default();
    let scorer = Scorer {
        model,
        counts: &counts,
        settings: &settings,
        named: ps.len(),
    };
    let mut out = Vec::new();
    for g in &tb.truth {
        for (i, a) in g.iter().enumerate() {
            for b in &g[i + 1..] {
                let (a, b) = if a < b { (*a, *b) } else { (*b, *a) };
                if !found.contains(&(a, b)) {
                    out.extend(scorer.pair(by_id[&a], by_id[&b]));
                }
            }
        }
    }
    out
}

/// The report on a base of `n` clients (about) of one kind, with its truth.
pub fn report(n: usize, seed: u64, difficulty: Difficulty) -> String {
    let mut out = String::new();
    let tb = generate_with(n, 10, seed, difficulty);
    let ps = profiles(tb.clients.iter());
    let (clusters, model) = find_with_model(&ps, &Default::default(), &Default::default());
    let pairs: Vec<Pair> = clusters.iter().flat_map(|c| c.pairs.clone()).collect();
    let proposed: Vec<Vec<Id>> = clusters.into_iter().map(|c| c.members).collect();
    let (p, r, f1) = quality(&proposed, &tb.truth);
    let _ = writeln!(out, "{difficulty:?}: P {p:.3} R {r:.3} F1 {f1:.3}");
    print_model(&mut out, &model);
    let all_pairs = |groups: &[Vec<Id>]| -> HashSet<(Id, Id)> {
        groups
            .iter()
            .flat_map(|g| g.iter().flat_map(move |a| g.iter().map(move |b| (*a, *b))))
            .collect()
    };
    let truth = all_pairs(&tb.truth);
    let wrong: Vec<Pair> = pairs
        .iter()
        .filter(|x| !truth.contains(&(x.a, x.b)))
        .cloned()
        .collect();
    print_kinds(&mut out, "false", &wrong, &tb);
    let found = all_pairs(&proposed);
    print_kinds(&mut out, "missed", &missed(&tb, &found, &ps, &model), &tb);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gives_quality_weights_and_examples() {
        let text = report(400, 7, Difficulty::Persons);
        assert!(text.starts_with("Persons: P "), "{text}");
        assert!(text.contains("  Person: Same m="), "{text}");
        assert!(text.contains("  Address: Same m="), "{text}");
    }
}
