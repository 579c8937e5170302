//! Stable sorting for the cold paths (lists on pages, figures, summaries) through one compiled
//! copy of the standard sort. Every `sort_by_key` call site compiles the whole sort anew for its
//! element and key types; at the domain's opt-level 3 that is several kilobytes of wasm each,
//! downloaded by every user. Here only the small generic shell is per call site: the sort itself
//! runs once, over positions, with the comparison behind a `dyn`. The hot paths (the search
//! index, the duplicate scan, the rotation) keep the standard sort inline.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        positions(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    permute(v, &order);
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably by `key`, computing each key once, like `slice::sort_by_cached_key`.
pub fn sort_by_cached_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    permute(v, &order);
}

/// Sorts `v` in ascending order, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them (stable).
#[inline(never)]
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Rearranges `v` so that its `i`-th element is the one that was at `order[i]`.
fn permute<T>(v: &mut Vec<T>, order: &[usize]) {
    let mut old: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&i| old.get_mut(i).and_then(Option::take)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort_and_keeps_equal_elements_in_order() {
        let words = ["груша", "Яблоко", "айва", "груша", "банан", "айва"];
        let mut v: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        let mut expected = v.clone();
        expected.sort_by_key(|(_, w)| w.to_lowercase());
        sort_by_key(&mut v, |(_, w)| w.to_lowercase());
        assert_eq!(v, expected);
        // Stable: the two «айва» keep their order (2 before 5).
        assert_eq!(v[0], (2, "айва"));
        assert_eq!(v[1], (5, "айва"));

        let mut cached: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        sort_by_cached_key(&mut cached, |(_, w)| w.to_lowercase());
        assert_eq!(cached, expected);

        let mut numbers = vec![5, -1, 3, 3, 0, 12, -7];
        let mut std_sorted = numbers.clone();
        std_sorted.sort();
        sort(&mut numbers);
        assert_eq!(numbers, std_sorted);

        let mut desc = vec![1, 4, 2];
        sort_by(&mut desc, |a, b| b.cmp(a));
        assert_eq!(desc, [4, 2, 1]);

        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
