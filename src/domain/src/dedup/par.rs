//! The duplicate search's bulk work — a profile per client, the levels of every candidate pair —
//! on every core natively (feature `parallel`, which pismo-cli and the native tests turn on) and
//! in order in the browser, which gives the page one thread. Same results either way: each item
//! is computed alone, and the outputs keep the inputs' order.

#[cfg(feature = "parallel")]
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

#[cfg(not(feature = "parallel"))]
pub fn map<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}

#[cfg(feature = "parallel")]
pub fn filter_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Option<R> + Sync + Send,
) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().filter_map(f).collect()
}

#[cfg(not(feature = "parallel"))]
pub fn filter_map<T, R>(items: &[T], f: impl Fn(&T) -> Option<R>) -> Vec<R> {
    items.iter().filter_map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn outputs_keep_the_order_of_inputs() {
        let items: Vec<u32> = (0..10_000).collect();
        let doubled = super::map(&items, |x| x * 2);
        assert!(doubled.iter().enumerate().all(|(i, x)| *x == 2 * i as u32));
        let odd = super::filter_map(&items, |x| (x % 2 == 1).then_some(*x));
        assert!(odd.iter().enumerate().all(|(i, x)| *x == 2 * i as u32 + 1));
    }
}
