//! One kind of record in memory: a vector in insertion order with an index by id.

use rustc_hash::FxHashMap;

use crate::model::Id;
use crate::record::Record;

/// Records of one kind, in insertion order, with an index by id. UUIDs are random already, so
/// the fast non-cryptographic hasher is safe here and much quicker than the default.
#[derive(Debug, Clone)]
pub struct Table<T> {
    rows: Vec<T>,
    by_id: FxHashMap<Id, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            by_id: FxHashMap::default(),
        }
    }
}

impl<T: Record> Table<T> {
    pub fn from_vec(rows: Vec<T>) -> Self {
        let mut t = Table::default();
        for r in rows {
            t.upsert(r);
        }
        t
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, id: &Id) -> Option<&T> {
        self.by_id.get(id).map(|&i| &self.rows[i])
    }

    /// Where the record sits in [`Table::as_slice`] (positions change when records are removed).
    pub fn position(&self, id: &Id) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.rows.iter()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.rows
    }

    pub fn upsert(&mut self, r: T) {
        match self.by_id.get(&r.id()) {
            Some(&i) => self.rows[i] = r,
            None => {
                self.by_id.insert(r.id(), self.rows.len());
                self.rows.push(r);
            }
        }
    }

    pub fn remove(&mut self, id: &Id) -> Option<T> {
        let i = self.by_id.remove(id)?;
        let removed = self.rows.swap_remove(i);
        if let Some(moved) = self.rows.get(i) {
            self.by_id.insert(moved.id(), i);
        }
        Some(removed)
    }
}
