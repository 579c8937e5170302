//! Search as you type over the whole base: a sorted index of word prefixes, so a keystroke costs a
//! few binary searches and a pass over a bitset instead of a scan of every client
//! (budget: < 16 ms at 100,000 clients; see docs/BENCHMARKS.md).

use std::collections::HashMap;

use super::contact::{normalize_email, normalize_phone, phone_query_digits};
use super::model::*;
use super::text::{fold, words};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OwnerFilter {
    #[default]
    Any,
    /// The letter pool's side: no salesperson or account manager.
    Nobody,
    Staff(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientQuery {
    pub text: String,
    pub owner: OwnerFilter,
    pub segment: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct SearchIndex {
    /// Every distinct token, sorted, with the documents that have it: a query token matches every
    /// token it is a prefix of, which is one contiguous range here.
    vocab: Vec<(Box<str>, Vec<u32>)>,
    docs: Vec<Id>,
    doc_of: HashMap<Id, u32>,
    /// Live documents in display order (by name).
    order: Vec<u32>,
    sort_keys: Vec<String>,
    alive: Vec<bool>,
    ready: bool,
}

fn client_tokens(c: &Client) -> Vec<Box<str>> {
    let mut t: Vec<String> = Vec::new();
    t.extend(words(&c.name));
    t.extend(words(&c.legal_form));
    for p in &c.contacts {
        t.extend(words(&p.last));
        t.extend(words(&p.first));
        t.extend(words(&p.patronymic));
        phone_tokens(&p.phones, &mut t);
        email_tokens(&p.emails, &mut t);
    }
    phone_tokens(&c.phones, &mut t);
    email_tokens(&c.emails, &mut t);
    let inn: String = c.inn.chars().filter(char::is_ascii_digit).collect();
    if !inn.is_empty() {
        t.push(inn);
    }
    for a in &c.addresses {
        t.extend(words(&a.city));
    }
    t.sort();
    t.dedup();
    t.into_iter().map(String::into_boxed_str).collect()
}

fn phone_tokens(phones: &[Phone], t: &mut Vec<String>) {
    for p in phones {
        match normalize_phone(&p.number) {
            Ok(n) => {
                let national = n.national().to_string();
                // People also search by the local part they remember, without the area code.
                if national.len() == 10 {
                    t.push(national[3..].to_string());
                }
                t.push(national);
            }
            Err(_) => t.push(p.number.chars().filter(char::is_ascii_digit).collect()),
        }
    }
}

fn email_tokens(emails: &[Email], t: &mut Vec<String>) {
    for e in emails {
        let norm = normalize_email(&e.address).unwrap_or_else(|_| fold(e.address.trim()));
        t.extend(words(&norm));
        t.push(norm);
    }
}

/// Names sort by their words, so «Ромашка» and "Ромашка" sit beside Ромашка.
fn sort_key(c: &Client) -> String {
    words(&c.name).collect::<Vec<_>>().join(" ")
}

/// Query terms, all of which must match; each term is a set of alternative prefixes. A query that
/// looks like a phone number is one term of its digit readings.
fn query_terms(q: &str) -> Vec<Vec<String>> {
    let phone = phone_query_digits(q);
    if !phone.is_empty() {
        return vec![phone];
    }
    let mut out = Vec::new();
    for part in q.split_whitespace() {
        if part.contains('@') {
            out.push(vec![fold(part)]);
        } else {
            out.extend(words(part).map(|w| vec![w]));
        }
    }
    out
}

/// Collects tokens a slice of clients at a time, so a big base can be indexed without freezing
/// the page; [`SearchIndex::set_tokens`] takes the result.
#[derive(Debug, Default)]
pub struct TokenBuilder {
    postings: HashMap<Box<str>, Vec<u32>>,
}

impl TokenBuilder {
    /// Adds the tokens of `clients`, which must all be in `index` already.
    pub fn add(&mut self, index: &SearchIndex, clients: &[Client]) {
        for c in clients {
            if let Some(&doc) = index.doc_of.get(&c.id) {
                for t in client_tokens(c) {
                    self.postings.entry(t).or_default().push(doc);
                }
            }
        }
    }

    fn finish(self) -> Vec<(Box<str>, Vec<u32>)> {
        let mut vocab: Vec<(Box<str>, Vec<u32>)> = self.postings.into_iter().collect();
        vocab.sort_by(|a, b| a.0.cmp(&b.0));
        vocab
    }
}

impl SearchIndex {
    pub fn build<'a>(clients: impl IntoIterator<Item = &'a Client> + Clone) -> SearchIndex {
        let mut idx = SearchIndex::order_only(clients.clone());
        let mut tokens = TokenBuilder::default();
        for c in clients {
            tokens.add(&idx, std::slice::from_ref(c));
        }
        idx.set_tokens(tokens);
        idx
    }

    /// The display order without the search tokens: enough to show the list at once.
    pub fn order_only<'a>(clients: impl IntoIterator<Item = &'a Client>) -> SearchIndex {
        let mut idx = SearchIndex::default();
        for c in clients {
            let doc = idx.docs.len() as u32;
            idx.docs.push(c.id);
            idx.doc_of.insert(c.id, doc);
            idx.sort_keys.push(sort_key(c));
            idx.alive.push(c.merged_into.is_none());
        }
        let mut order: Vec<u32> = (0..idx.docs.len() as u32)
            .filter(|d| idx.alive[*d as usize])
            .collect();
        order.sort_by(|a, b| idx.sort_keys[*a as usize].cmp(&idx.sort_keys[*b as usize]));
        idx.order = order;
        idx
    }

    pub fn set_tokens(&mut self, tokens: TokenBuilder) {
        self.vocab = tokens.finish();
        self.ready = true;
    }

    /// Whether text queries can be answered (the tokens are in).
    pub fn ready(&self) -> bool {
        self.ready
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Re-indexes one client after an edit (or adds it). Costs one pass over the postings, a few
    /// milliseconds at 100,000 clients, instead of a rebuild.
    pub fn update(&mut self, c: &Client) {
        let doc = match self.doc_of.get(&c.id) {
            Some(&d) => {
                self.forget(d);
                d
            }
            None => {
                let d = self.docs.len() as u32;
                self.docs.push(c.id);
                self.doc_of.insert(c.id, d);
                self.sort_keys.push(String::new());
                self.alive.push(false);
                d
            }
        };
        // Before the tokens are in, whoever builds them sees this client too.
        let tokens = if self.ready {
            client_tokens(c)
        } else {
            Vec::new()
        };
        for t in tokens {
            match self.vocab.binary_search_by(|(v, _)| (**v).cmp(&*t)) {
                Ok(at) => self.vocab[at].1.push(doc),
                Err(at) => self.vocab.insert(at, (t, vec![doc])),
            }
        }
        self.sort_keys[doc as usize] = sort_key(c);
        if c.merged_into.is_none() {
            self.alive[doc as usize] = true;
            let key = &self.sort_keys[doc as usize];
            let at = self
                .order
                .partition_point(|d| self.sort_keys[*d as usize] <= *key);
            self.order.insert(at, doc);
        }
    }

    pub fn remove(&mut self, id: &Id) {
        if let Some(&d) = self.doc_of.get(id) {
            self.forget(d);
        }
    }

    /// Takes a document out of every posting list and out of the display order.
    fn forget(&mut self, doc: u32) {
        for (_, docs) in &mut self.vocab {
            docs.retain(|d| *d != doc);
        }
        self.vocab.retain(|(_, docs)| !docs.is_empty());
        if self.alive[doc as usize] {
            self.alive[doc as usize] = false;
            self.order.retain(|d| *d != doc);
        }
    }

    /// Marks the documents having a token that starts with `prefix`.
    fn matching(&self, prefix: &str, bits: &mut [u64]) {
        let start = self.vocab.partition_point(|(t, _)| &**t < prefix);
        for (t, docs) in &self.vocab[start..] {
            if !t.starts_with(prefix) {
                break;
            }
            for d in docs {
                bits[*d as usize / 64] |= 1 << (*d % 64);
            }
        }
    }

    /// The ids of the live clients matching every word of `text`, in name order.
    pub fn search(&self, text: &str) -> Vec<Id> {
        let terms = query_terms(text);
        if terms.is_empty() {
            return self.order.iter().map(|d| self.docs[*d as usize]).collect();
        }
        let words = self.docs.len().div_ceil(64);
        let mut acc: Option<Vec<u64>> = None;
        for alternatives in &terms {
            let mut bits = vec![0u64; words];
            for t in alternatives {
                self.matching(t, &mut bits);
            }
            acc = Some(match acc {
                None => bits,
                Some(mut a) => {
                    a.iter_mut().zip(&bits).for_each(|(x, y)| *x &= y);
                    a
                }
            });
        }
        let acc = acc.unwrap_or_default();
        self.order
            .iter()
            .filter(|d| acc[**d as usize / 64] & (1 << (**d % 64)) != 0)
            .map(|d| self.docs[*d as usize])
            .collect()
    }
}

/// Runs a query: the text through the index, then the filters on the records.
pub fn query(
    index: &SearchIndex,
    clients: &super::base::Table<Client>,
    q: &ClientQuery,
) -> Vec<Id> {
    let mut ids = index.search(&q.text);
    if q.owner != OwnerFilter::Any || q.segment.is_some() {
        ids.retain(|id| {
            let Some(c) = clients.get(id) else {
                return false;
            };
            let owner_ok = match &q.owner {
                OwnerFilter::Any => true,
                OwnerFilter::Nobody => c.owner.is_none(),
                OwnerFilter::Staff(s) => c.owner == Some(*s),
            };
            owner_ok && q.segment.as_ref().is_none_or(|s| c.segments.contains(s))
        });
    }
    ids
}

#[cfg(test)]
mod tests;
